using Crm.Silo;

SiloHost.Build(args).Run();
