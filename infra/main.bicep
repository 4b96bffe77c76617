// Kompetencebot in production on Azure, deployed into one resource group:
//   - a user-assigned managed identity: the bot's identity towards Bot Framework (no password,
//     no secret to rotate) and the web app's identity towards Table Storage and Key Vault;
//   - an Azure Bot with the Microsoft Teams channel — global, or regional in the EU
//     (botDataResidency = 'europe');
//   - a Linux App Service plan and web app running Node 24 (or 22) LTS from the uploaded package;
//   - a storage account holding the bot's tables, reached with Entra ID only (no account keys);
//   - a Key Vault holding EXPORT_LINK_KEY, read by the web app through a Key Vault reference;
//   - Log Analytics and Application Insights (OpenTelemetry from src/telemetry.ts), with alerts
//     on 5xx answers, dead-lettered messages and late scheduled jobs.
//
// Written without a Bicep compiler at hand: tests/unit/infra.test.ts checks its consistency
// with the code (table names, app settings, resources, parameters, outputs). See infra/README.md.

targetScope = 'resourceGroup'

@description('Base of every resource name: lowercase letters, digits and hyphens. The web app and the bot are named after it, so it must be globally unique. The default is unique per resource group.')
@minLength(3)
@maxLength(40)
param resourceBaseName string = 'kompetencebot-${uniqueString(resourceGroup().id)}'

@description('Region of everything but the bot: the web app and its plan, the identity, the storage account, Key Vault and monitoring. Choose an EU region (e.g. swedencentral, westeurope, northeurope) to keep the data in the EU.')
param location string = resourceGroup().location

@description('Where the Azure Bot resource keeps and processes its data: "global" (Microsoft\'s global Bot Framework service) or "europe" (a regional bot in the EU, location westeurope). The location of a bot cannot be changed: see infra/README.md before switching.')
@allowed([
  'global'
  'europe'
])
param botDataResidency string = 'global'

@description('Name of the bot as shown in the Azure portal and the Bot Framework.')
@maxLength(42)
param botDisplayName string = 'Kompetencebot'

@description('App Service plan SKU. B1 is the smallest with Always On; choose a Premium v3 SKU (e.g. P0v3) for automatic scale-out.')
param appServiceSku string = 'B1'

@description('The Node LTS line App Service runs (the project tests 24 and 22).')
@allowed([
  '24-lts'
  '22-lts'
])
param nodeVersion string = '24-lts'

@description('Copies of the tables: ZRS keeps three in three availability zones of the region, LRS three in one datacenter (for a region without zones). Both stay in the region.')
@allowed([
  'Standard_ZRS'
  'Standard_LRS'
])
param storageRedundancy string = 'Standard_ZRS'

@description('How many instances of the web app run; the outbox shares Teams\' per-tenant limit between them (OUTBOX_INSTANCES).')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('A custom host name of the web app (e.g. kompetencebot.herlev.dk), if one is bound to it; export links then point there. Empty: the app\'s default host name.')
param publicHostName string = ''

@secure()
@description('Signs the download links of exports (at least 32 characters, e.g. openssl rand -hex 32). Give it on the FIRST deployment, and again only to replace it: left empty, the key already in Key Vault is kept, so links keep working across deployments.')
param exportLinkKey string = ''

@description('Days Log Analytics keeps telemetry and audit events (30-730).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('E-mail address that receives the alerts (5xx answers, dead-lettered messages, late jobs). Empty: the alerts fire in the Azure portal only.')
param alertEmail string = ''

@description('Tags added to every resource, e.g. { "cost-center": "4711", "owner": "it@herlev.dk" }.')
param tags object = {}

@description('The tables the bot uses. The default must equal allTableNames(\'kb\') in src/storage/tables.ts (tests/unit/infra.test.ts checks it).')
param tableNames array = [
  'kbDepartments'
  'kbPeople'
  'kbMemberships'
  'kbConversations'
  'kbPreferences'
  'kbPreparations'
  'kbQuestionSets'
  'kbProfiles'
  'kbRounds'
  'kbPlans'
  'kbSchedule'
  'kbAarshjul'
  'kbOutbox'
  'kbOutboxBatches'
  'kbDeadLetters'
  'kbDeliveryStates'
  'kbPostings'
  'kbGroupConversations'
  'kbActionPlans'
  'kbAudit'
  'kbErasures'
  'kbActivities'
  'kbReleases'
  'kbDirectory'
  'kbInstallations'
]

// The prefix of the table names above; the app reads it from TABLE_PREFIX.
var tablePrefix = 'kb'

var allTags = union({
  application: 'kompetencebot'
  'data-classification': 'personal-data'
}, tags)

var identityName = '${resourceBaseName}-identity'
var planName = '${resourceBaseName}-plan'
var webAppName = resourceBaseName
var botName = resourceBaseName
var workspaceName = '${resourceBaseName}-logs'
var insightsName = '${resourceBaseName}-insights'
// Storage account names: 3-24 lowercase letters and digits, globally unique.
var storageAccountName = '${take(replace(toLower(resourceBaseName), '-', ''), 11)}${uniqueString(resourceGroup().id)}'
// Key Vault names: 3-24 letters, digits and hyphens, globally unique.
var keyVaultName = 'kv${take(uniqueString(resourceGroup().id, resourceBaseName), 20)}'
var exportLinkKeySecretName = 'export-link-key'
// A regional bot in the EU lives in westeurope (Bot Service regionalization); its channels with it.
var botLocation = botDataResidency == 'europe' ? 'westeurope' : 'global'
var publicHost = empty(publicHostName) ? webApp.properties.defaultHostName : publicHostName

// Built-in roles.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: allTags
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: allTags
  kind: 'StorageV2'
  sku: {
    name: storageRedundancy
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app signs in with its managed identity; account keys and SAS are switched off, so a
    // leaked connection string opens nothing. Reads and writes need an Entra role.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Reachable over the internet (App Service without a virtual network reaches it that way),
    // but only with an Entra identity holding a role on the account: see infra/README.md.
    publicNetworkAccess: 'Enabled'
  }
}

// The account holds every table: it cannot be deleted (by mistake, or by a redeployment of
// another template) until the lock is removed on purpose. Tables have no soft delete.
resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'keep-kompetencebot-data'
  scope: storageAccount
  properties: {
    level: 'CanNotDelete'
    notes: 'Kompetencebot\'s tables (personal data). Remove the lock on purpose before deleting; see infra/README.md.'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identity.id, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: allTags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  tags: allTags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Client IP addresses are masked (the default, stated here so nobody turns it off by accident).
    DisableIpMasking: false
    RetentionInDays: logRetentionDays
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: allTags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Only written when a key is given (first deployment, or to replace it); otherwise the secret in
// the vault stays as it is, and so do the export links signed with it.
resource exportLinkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(exportLinkKey)) {
  parent: keyVault
  name: exportLinkKeySecretName
  properties: {
    value: exportLinkKey
    contentType: 'HMAC-SHA256 key of the export download links'
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Who read or changed the vault's secrets, kept in Log Analytics.
resource keyVaultAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: allTags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: allTags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with the bot's identity (it has no system identity).
    keyVaultReferenceIdentity: identity.id
    // State lives in Table Storage, so any instance can serve any request: no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      // GET /healthz answers 200 when the bot can reach its storage; App Service takes an
      // instance that keeps failing it out of rotation.
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
    }
  }
  // Start the app only once its tables exist and it may use them and its key.
  dependsOn: [
    tables
    tableDataContributor
    keyVaultSecretsUser
  ]
}

// The app settings (in a resource of their own: PUBLIC_BASE_URL needs the site's host name).
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    APP_ENV: 'production'
    BOT_ID: identity.properties.clientId
    BOT_TYPE: 'UserAssignedMsi'
    BOT_TENANT_ID: identity.properties.tenantId
    STORAGE_ACCOUNT_URL: 'https://${storageAccount.name}.table.${environment().suffixes.storage}'
    // Tells DefaultAzureCredential / ManagedIdentityCredential which identity to use.
    AZURE_CLIENT_ID: identity.properties.clientId
    TABLE_PREFIX: tablePrefix
    LOG_LEVEL: 'info'
    // Where export download links point (GET /api/exports/<signed token>).
    PUBLIC_BASE_URL: 'https://${publicHost}'
    // A Key Vault reference: App Service reads the secret with keyVaultReferenceIdentity.
    EXPORT_LINK_KEY: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${exportLinkKeySecretName})'
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    OUTBOX_INSTANCES: string(instanceCount)
    // The uploaded zip is the app (built dist/, cards/, data/, production node_modules): it runs
    // read-only from the package, nothing is built on the server.
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
  dependsOn: [
    exportLinkKeySecret
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: allTags
  kind: 'azurebot'
  sku: {
    name: 'F0' // Teams is a standard channel: its messages are free on F0 as on S1.
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Alerts

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${resourceBaseName}-alerts'
  location: 'global'
  tags: allTags
  properties: {
    groupShortName: 'kb-alerts'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alertActions = empty(alertEmail) ? [] : [
  {
    actionGroupId: alertGroup.id
  }
]

// Answers with a 5xx status (App Service's own metric): the bot failing Teams or a download.
resource serverErrorsAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${resourceBaseName}-5xx'
  location: 'global'
  tags: allTags
  properties: {
    description: 'Kompetencebot answered with 5xx more than 5 times in 15 minutes.'
    severity: 2
    enabled: true
    scopes: [
      webApp.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    actions: alertActions
  }
}

// The telemetry's own metrics (src/telemetry.ts), as Application Insights stores them.
var metricAlerts = [
  {
    name: 'dead-letters'
    metric: 'kb.outbox.dead_lettered'
    description: 'Proactive messages were given up on (blocked, rejected or retried to the end): see the DeadLetters table.'
  }
  {
    name: 'late-jobs'
    metric: 'kb.jobs.late'
    description: 'Scheduled jobs ran more than 15 minutes after they were due: is the tick (or the jobs endpoint\'s timer) running?'
  }
]

resource telemetryAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in metricAlerts: {
  name: '${resourceBaseName}-${alert.name}'
  location: location
  tags: allTags
  properties: {
    description: alert.description
    severity: 2
    enabled: true
    scopes: [
      insights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "${alert.metric}" | summarize total = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'total'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        alertGroup.id
      ]
    }
  }
}]

// Upper-case names so that the Microsoft 365 Agents Toolkit writes them as they are into
// env/.env.<environment> (m365agents.yml), where the app package and zip deploy read them.
output BOT_ENDPOINT string = bot.properties.endpoint
output WEB_APP_NAME string = webApp.name
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = publicHost
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output STORAGE_ACCOUNT_URL string = 'https://${storageAccount.name}.table.${environment().suffixes.storage}'
output KEY_VAULT_NAME string = keyVault.name
output APPLICATIONINSIGHTS_NAME string = insights.name
