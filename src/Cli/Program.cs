using PerfSuite.Cli;

return await PerfSuiteApp.RunAsync(args, Console.Out, Console.Error);
