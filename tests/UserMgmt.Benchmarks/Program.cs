using BenchmarkDotNet.Running;
using UserMgmt.Benchmarks.Throughput;

// "throughput" runs the plain runner (ThroughputRunner); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "throughput") return await ThroughputRunner.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(UserMgmt.Benchmarks.PlanningBenchmarks).Assembly).Run(args);
return 0;
