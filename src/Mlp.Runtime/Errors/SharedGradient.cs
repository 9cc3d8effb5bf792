using Mlp.Kernels;
using Mlp.Threading;

namespace Mlp.Errors;

/// <summary>
/// Shares an elementwise error's gradient with kernel workers, cut as the activation kernels cut the outputs
/// (<see cref="ElementwisePartition"/>): each thread writes the gradient of the examples its core has just computed,
/// with the same bits as one sweep whatever the thread count.
/// </summary>
internal static unsafe class SharedGradient
{
    // A division and a subtraction or two per element, in multiply-adds of a matrix product.
    private const int CostPerElement = 6;

    /// <summary>Writes the gradient on several threads; false when not worthwhile.</summary>
    public static bool TryRun(ErrorFunction error, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int batchSize)
    {
        if (!ElementwisePartition.TryPlan(outputs.Length, CostPerElement, out ElementwisePartition plan))
            return false;
        fixed (float* y = outputs, t = targets, g = gradsWrtOutputs)
        {
            var job = new GradientJob(plan, y, t, g, batchSize);
            KernelWorker.RunShared(ref job, plan.Threads, error);
        }
        return true;
    }

    private readonly struct GradientJob(ElementwisePartition plan, float* outputs, float* targets, float* grads, int batchSize) : ISharedJob
    {
        public int Parts => plan.Parts;

        public void Run(int part, object? target)
        {
            (int offset, int length) = plan.Part(part);
            ((ErrorFunction)target!).WriteGradientPiece(new ReadOnlySpan<float>(outputs + offset, length),
                new ReadOnlySpan<float>(targets + offset, length), new Span<float>(grads + offset, length), batchSize);
        }
    }
}
