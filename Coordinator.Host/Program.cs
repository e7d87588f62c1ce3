// Entry point: everything lives in Cli/ so tests can run the same command line with their own writers.
return Coordinator.Host.Cli.CoordinatorCli.Run(args, Console.Out, Console.Error);
