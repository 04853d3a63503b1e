using PerfSuite.Cli;

NativeLibraries.Register();
return await PerfSuiteApp.RunAsync(args, Console.Out, Console.Error);
