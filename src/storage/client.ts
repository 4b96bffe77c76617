import { DefaultAzureCredential } from '@azure/identity';
import { RestError, TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { StorageConfig } from '../config';
import { countStorageCall } from '../telemetry';
import { type TableRole, tableName, tableRoles } from './tables';

/** One TableClient per table role, for one storage account and one table prefix. */
export interface TableClients {
  table(role: TableRole): TableClient;
  /** Creates every table that does not exist yet (idempotent). */
  ensureTables(): Promise<void>;
  /** Deletes every table of this prefix: used by tests only. */
  dropTables(): Promise<void>;
}

/** Every request a table client makes is counted against the turn it belongs to (telemetry). */
const countingPolicy: NonNullable<TableServiceClientOptions['additionalPolicies']>[number] = {
  policy: {
    name: 'kompetencebot-count-storage-calls',
    sendRequest: (request, next) => {
      countStorageCall();
      return next(request);
    },
  },
  position: 'perCall',
};

export function createTableClients(storage: StorageConfig, prefix: string): TableClients {
  const clients = new Map<TableRole, TableClient>();
  let service: TableServiceClient;
  const additionalPolicies = [countingPolicy];
  if (storage.kind === 'connectionString') {
    const insecure = /DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true|TableEndpoint=http:/i.test(storage.connectionString);
    const options = { allowInsecureConnection: insecure, additionalPolicies };
    service = TableServiceClient.fromConnectionString(storage.connectionString, options);
    for (const role of tableRoles) {
      clients.set(role, TableClient.fromConnectionString(storage.connectionString, tableName(prefix, role), options));
    }
  } else {
    const credential = new DefaultAzureCredential(
      storage.managedIdentityClientId ? { managedIdentityClientId: storage.managedIdentityClientId } : {},
    );
    service = new TableServiceClient(storage.accountUrl, credential, { additionalPolicies });
    for (const role of tableRoles) {
      clients.set(role, new TableClient(storage.accountUrl, tableName(prefix, role), credential, { additionalPolicies }));
    }
  }
  return {
    table(role) {
      const client = clients.get(role);
      if (!client) throw new Error(`Unknown table role ${role}`);
      return client;
    },
    async ensureTables() {
      await Promise.all(
        [...clients.values()].map(async (client) => {
          try {
            await client.createTable();
          } catch (error) {
            if (!(error instanceof RestError && error.statusCode === 409)) throw error;
          }
        }),
      );
    },
    async dropTables() {
      await Promise.all(tableRoles.map((role) => service.deleteTable(tableName(prefix, role)).catch(() => undefined)));
    },
  };
}

/** The connection string for an Azurite table service on a given loopback port. */
export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return [
    'DefaultEndpointsProtocol=http',
    'AccountName=devstoreaccount1',
    'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    `TableEndpoint=http://${host}:${port}/devstoreaccount1`,
  ].join(';') + ';';
}
