global using System.Collections.Immutable;
global using Crm.Contracts.Common;
