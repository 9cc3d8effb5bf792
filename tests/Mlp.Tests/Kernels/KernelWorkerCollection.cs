namespace Mlp.Tests.Kernels;

/// <summary>
/// Tests that need the one kernel worker thread to themselves (so a product really is shared) or that change
/// the process-wide <see cref="Mlp.Kernels.KernelThreads.Count"/>: they run alone, not beside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelWorkerCollection
{
    public const string Name = "Kernel worker";
}
