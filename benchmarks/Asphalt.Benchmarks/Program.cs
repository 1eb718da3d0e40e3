using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/Asphalt.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
