using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(UserMgmt.Benchmarks.PlanningBenchmarks).Assembly).Run(args);
