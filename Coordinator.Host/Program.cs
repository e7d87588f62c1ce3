// Entry point: everything lives in Cli/ so tests can run the same command line with their own writers.
// A serving member first gets its small generation-0 budget, which takes replacing this process once (Gen0Budget).
if (args is ["serve", ..]) Coordinator.Host.Composition.Gen0Budget.Apply();
return Coordinator.Host.Cli.CoordinatorCli.Run(args, Console.Out, Console.Error);
