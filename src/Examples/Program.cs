using Mlp.Examples;

// The course's autoencoders notebook on real MNIST: `dotnet run --project src/Examples -c Release [-- --help]`.
return ExamplesApp.Run(args, AppConsole.System());
