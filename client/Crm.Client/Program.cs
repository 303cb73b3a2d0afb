using Crm.Client;

ClientHost.Build(args).Run();
