namespace Mlp.Tests.Generated;

[Affine(64, 256)] [Relu] [Affine(256, 256)] [Relu] [Affine(256, 64)]
public partial class ConcurrencyNet;

/// <summary>
/// Models are single-threaded: two threads in Forward or Backward on one instance must be told so with an
/// <see cref="InvalidOperationException"/> (the second caller fails before touching a buffer), while taking turns from
/// different threads, and a model per thread, keep working.
/// </summary>
public sealed class ConcurrentUseTests
{
    private const int Batch = 200;

    [Fact]
    public void TwoThreadsInForwardOnOneModelAreDetected()
    {
        var model = new ConcurrencyNet(seed: 1);
        float[] inputs = TestData.Uniform(Batch * 64, -1, 1, seed: 2);
        InvalidOperationException e = FirstClash(() => model.Forward(inputs, Batch), () => model.Forward(inputs, Batch));
        Assert.Contains("Models are single-threaded", e.Message);
        Assert.Contains("a model per thread", e.Message);
    }

    [Fact]
    public void ForwardOnOneThreadAndBackwardOnAnotherAreDetected()
    {
        var model = new ConcurrencyNet(seed: 1);
        float[] inputs = TestData.Uniform(Batch * 64, -1, 1, seed: 2), grads = TestData.Uniform(Batch * 64, -1, 1, seed: 3);
        model.Forward(inputs, Batch, training: true);
        InvalidOperationException e = FirstClash(() => model.Forward(inputs, Batch, training: true), () => model.Backward(grads));
        Assert.Contains("single-threaded", e.Message);
    }

    [Fact]
    public void TakingTurnsFromDifferentThreadsAndAModelPerThreadGiveTheSameOutputs()
    {
        var model = new ConcurrencyNet(seed: 1);
        float[] inputs = TestData.Uniform(Batch * 64, -1, 1, seed: 2);
        float[] expected = model.Forward(inputs, Batch).ToArray();

        float[] fromOtherThread = [];
        var other = new Thread(() => fromOtherThread = model.Forward(inputs, Batch).ToArray());
        other.Start();
        other.Join();
        Assert.Equal(expected, fromOtherThread);

        // A model per thread: copies of the parameters run side by side, each giving the single-threaded outputs.
        float[][] outputs = Enumerable.Range(0, 2).AsParallel().Select(_ =>
        {
            var copy = new ConcurrencyNet(seed: 9);
            model.AllValues.CopyTo(copy.AllValues);
            float[] last = [];
            for (int i = 0; i < 20; i++)
                last = copy.Forward(inputs, Batch).ToArray();
            return last;
        }).ToArray();
        Assert.All(outputs, o => Assert.Equal(expected, o));
    }

    /// <summary>Runs <paramref name="first"/> and <paramref name="second"/> in loops on two threads until one of them is refused (or 20 s pass).</summary>
    private static InvalidOperationException FirstClash(Action first, Action second)
    {
        InvalidOperationException? clash = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        void Loop(Action call)
        {
            while (!stop.IsCancellationRequested && Volatile.Read(ref clash) is null)
            {
                try
                {
                    call();
                }
                catch (InvalidOperationException e)
                {
                    Interlocked.CompareExchange(ref clash, e, null);
                }
            }
        }
        var threads = new[] { new Thread(() => Loop(first)), new Thread(() => Loop(second)) };
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        Assert.True(clash is not null, "two threads used one model for 20 s and nothing noticed");
        return clash;
    }
}
