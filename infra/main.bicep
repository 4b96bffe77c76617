// Kompetencebot in production on Azure, deployed into one resource group:
//   - a user-assigned managed identity: the bot's identity towards Bot Framework (no password,
//     no secret to rotate) and the web app's identity towards Table Storage;
//   - an Azure Bot (global) with the Microsoft Teams channel;
//   - a Linux App Service plan and web app running Node 22 LTS;
//   - a storage account holding the bot's tables, reached with Entra ID only (no account keys).
//
// Written without a Bicep compiler at hand: tests/unit/infra.test.ts checks only its
// consistency with the code (table names, app settings, parameters). See infra/README.md.

targetScope = 'resourceGroup'

@description('Base of every resource name: lowercase letters, digits and hyphens. The web app and the bot are named after it, so it must be globally unique. The default is unique per resource group.')
@minLength(3)
@maxLength(40)
param resourceBaseName string = 'kompetencebot-${uniqueString(resourceGroup().id)}'

@description('Region of the web app, its plan, the identity and the storage account. The bot itself is a global resource.')
param location string = resourceGroup().location

@description('Name of the bot as shown in the Azure portal and the Bot Framework.')
@maxLength(42)
param botDisplayName string = 'Kompetencebot'

@description('App Service plan SKU. B1 is the smallest with Always On; choose a Premium v3 SKU (e.g. P0v3) for automatic scale-out.')
param appServiceSku string = 'B1'

@secure()
@description('Signs the short-lived download links of exports (at least 32 characters). By default a new one each deployment: a link lives 15 minutes.')
param exportLinkKey string = newGuid()

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

var identityName = '${resourceBaseName}-identity'
var planName = '${resourceBaseName}-plan'
var webAppName = resourceBaseName
var botName = resourceBaseName
// Storage account names: 3-24 lowercase letters and digits, globally unique.
var storageAccountName = '${take(replace(toLower(resourceBaseName), '-', ''), 11)}${uniqueString(resourceGroup().id)}'

// Built-in role "Storage Table Data Contributor".
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app signs in with its managed identity; account keys and SAS are switched off.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
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

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
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
    // State lives in Table Storage, so any instance can serve any request: no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      // GET /healthz answers 200 when the bot can reach its storage; App Service takes an
      // instance that keeps failing it out of rotation.
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'APP_ENV'
          value: 'production'
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMsi'
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'STORAGE_ACCOUNT_URL'
          value: 'https://${storageAccount.name}.table.${environment().suffixes.storage}'
        }
        {
          // Tells DefaultAzureCredential / ManagedIdentityCredential which identity to use.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'TABLE_PREFIX'
          value: tablePrefix
        }
        {
          name: 'LOG_LEVEL'
          value: 'info'
        }
        {
          // Where export download links point (GET /api/exports/<signed token>).
          name: 'PUBLIC_BASE_URL'
          value: 'https://${webAppName}.azurewebsites.net'
        }
        {
          name: 'EXPORT_LINK_KEY'
          value: exportLinkKey
        }
        {
          // Read on Windows plans only; on Linux linuxFxVersion above picks the runtime.
          name: 'WEBSITE_NODE_DEFAULT_VERSION'
          value: '~22'
        }
        {
          // Zip deploys are built on the server (npm install, npm run build) by Oryx.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
      ]
    }
  }
  // Start the app only once its tables exist and it may use them.
  dependsOn: [
    tables
    tableDataContributor
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
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
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Upper-case names so that the Microsoft 365 Agents Toolkit writes them as they are into
// env/.env.<environment> (m365agents.yml), where the app package and zip deploy read them.
output BOT_ENDPOINT string = bot.properties.endpoint
output WEB_APP_NAME string = webApp.name
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output STORAGE_ACCOUNT_URL string = 'https://${storageAccount.name}.table.${environment().suffixes.storage}'
