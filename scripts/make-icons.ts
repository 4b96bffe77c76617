/**
 * Draws the two Teams app icons procedurally and writes them to `appPackage/`:
 * - `color.png`, 192×192: a green rounded square with a white sprout (stem, three leaves and
 *   a strip of ground) — the "kompetenceudviklingstræ" in its simplest form;
 * - `outline.png`, 32×32: the same sprout in white on a transparent background (Teams requires
 *   white and transparent only).
 *
 * Shapes are point-in-shape tests sampled on a grid inside each pixel, which gives anti-aliased
 * edges without a drawing library. The PNGs are checked in; run `npx tsx scripts/make-icons.ts`
 * after changing the design.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { appPackageDir } from '../src/paths';

type Point = readonly [x: number, y: number];
/** True when the point (in pixel units, y down) lies inside the shape. */
type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [r: number, g: number, b: number];

const white: Rgb = [255, 255, 255];
/** Top and bottom of the background gradient: a calm municipal green. */
const backgroundTop: Rgb = [0x23, 0x96, 0x7c];
const backgroundBottom: Rgb = [0x12, 0x6b, 0x5b];

// ---------------------------------------------------------------------------------------------
// Shapes

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

function roundedSquare(size: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(radius - x, 0, x - (size - radius));
    const dy = Math.max(radius - y, 0, y - (size - radius));
    return x >= 0 && y >= 0 && x <= size && y <= size && dx * dx + dy * dy <= radius * radius;
  };
}

/** A line segment from `a` to `b` with round ends, `radius` wide on each side. */
function capsule(a: Point, b: Point, radius: number): Shape {
  const [ax, ay] = a;
  const abx = b[0] - ax;
  const aby = b[1] - ay;
  const lengthSquared = abx * abx + aby * aby;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * abx + (y - ay) * aby) / lengthSquared));
    const dx = x - (ax + t * abx);
    const dy = y - (ay + t * aby);
    return dx * dx + dy * dy <= radius * radius;
  };
}

/**
 * A leaf (vesica): the intersection of two equal circles that both pass through `base` and
 * `tip`, so that the leaf is `width` wide at its middle.
 */
function leaf(base: Point, tip: Point, width: number): Shape {
  const halfLength = Math.hypot(tip[0] - base[0], tip[1] - base[1]) / 2;
  const halfWidth = width / 2;
  // Distance from the chord's midpoint to each circle's centre, and the circles' radius.
  const offset = (halfLength * halfLength - halfWidth * halfWidth) / (2 * halfWidth);
  const radius = offset + halfWidth;
  const midX = (base[0] + tip[0]) / 2;
  const midY = (base[1] + tip[1]) / 2;
  // Unit normal to the base→tip axis.
  const normalX = -(tip[1] - base[1]) / (2 * halfLength);
  const normalY = (tip[0] - base[0]) / (2 * halfLength);
  const c1: Point = [midX + normalX * offset, midY + normalY * offset];
  const c2: Point = [midX - normalX * offset, midY - normalY * offset];
  const inside = (c: Point, x: number, y: number) => (x - c[0]) ** 2 + (y - c[1]) ** 2 <= radius * radius;
  return (x, y) => inside(c1, x, y) && inside(c2, x, y);
}

/**
 * The sprout, designed on a 100×100 grid and placed in the square [left, left+size]² of the
 * icon. `strokeWeight` thickens stem and ground for small sizes, where thin lines blur away;
 * `leafWidth` (1 = as designed) keeps the leaves apart there.
 */
function sprout(left: number, top: number, size: number, strokeWeight: number, leafWidth: number): Shape {
  const s = size / 100;
  const p = (x: number, y: number): Point => [left + x * s, top + y * s];
  return union(
    capsule(p(50, 92), p(50, 30), 4.2 * s * strokeWeight), // stem
    capsule(p(24, 94), p(76, 94), 3.6 * s * strokeWeight), // ground
    leaf(p(50, 70), p(13, 44), 24 * s * leafWidth), // lower left leaf
    leaf(p(50, 52), p(87, 26), 24 * s * leafWidth), // right leaf
    leaf(p(50, 34), p(50, 0), 21 * s * leafWidth), // top bud
  );
}

// ---------------------------------------------------------------------------------------------
// Rasterising

const samplesPerAxis = 6;

/** Fraction of the pixel (px, py) covered by the shape, 0…1. */
function coverage(shape: Shape, px: number, py: number): number {
  let hits = 0;
  for (let i = 0; i < samplesPerAxis; i++) {
    for (let j = 0; j < samplesPerAxis; j++) {
      if (shape(px + (i + 0.5) / samplesPerAxis, py + (j + 0.5) / samplesPerAxis)) hits++;
    }
  }
  return hits / (samplesPerAxis * samplesPerAxis);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function setPixel(png: PNG, x: number, y: number, rgb: Rgb, alpha: number): void {
  const index = (png.width * y + x) * 4;
  png.data[index] = Math.round(rgb[0]);
  png.data[index + 1] = Math.round(rgb[1]);
  png.data[index + 2] = Math.round(rgb[2]);
  png.data[index + 3] = Math.round(alpha * 255);
}

/** 192×192: gradient rounded square, white sprout; transparent outside the rounded corners. */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const background = roundedSquare(size, 40);
  const mark = sprout(44, 42, 104, 1.15, 1);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const backgroundColour = mix(backgroundTop, backgroundBottom, y / (size - 1));
      const colour = mix(backgroundColour, white, coverage(mark, x, y));
      setPixel(png, x, y, colour, coverage(background, x, y));
    }
  }
  return png;
}

/**
 * 32×32: white sprout on transparency. Every pixel's colour is pure white, including the fully
 * transparent ones, so that no validator sees any other colour; only alpha varies.
 */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const mark = sprout(1, 1, 30, 1.6, 0.9);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) setPixel(png, x, y, white, coverage(mark, x, y));
  }
  return png;
}

export function writeIcons(outDir: string = appPackageDir): string[] {
  const files: Array<[string, PNG]> = [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ];
  return files.map(([name, png]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, PNG.sync.write(png));
    return file;
  });
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}
