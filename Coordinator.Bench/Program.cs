using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `-- --filter '*Kernel*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
