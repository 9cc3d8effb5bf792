using System.Collections.Concurrent;
using Mlp.Examples.Scheduling;
using Mlp.Kernels;

namespace Mlp.Examples.Tests.Scheduling;

public class PartSchedulerTests
{
    // A part that records when it starts and ends, how many parts ran beside it, and its kernel thread count. With
    // `pairFirstTwo`, the first two parts to start wait for each other, so that both have logged their start before
    // either ends however late a loaded machine runs their threads (the scheduler starts no third part meanwhile).
    private sealed class Recorder(bool pairFirstTwo = false)
    {
        private readonly CountdownEvent _firstTwo = new(pairFirstTwo ? 2 : 0);
        private int _running;
        public ConcurrentQueue<string> Events { get; } = new();
        public int MostAtOnce;
        public ConcurrentDictionary<string, int> KernelThreads { get; } = new();

        public NotebookPart Part(string key, double cost, params string[] after) => new(key, cost, after, share =>
        {
            int now = Interlocked.Increment(ref _running);
            InterlockedMax(ref MostAtOnce, now);
            KernelThreads[key] = Mlp.Kernels.KernelThreads.CountForCurrentThread;
            Events.Enqueue($"start {key}");
            if (!_firstTwo.IsSet)
            {
                _firstTwo.Signal();
                Assert.True(_firstTwo.Wait(TimeSpan.FromSeconds(30)), "the second part never started beside the first");
            }
            Thread.Sleep(30);
            Events.Enqueue($"end {key}");
            Interlocked.Decrement(ref _running);
        });

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    [Fact]
    public void ConcurrentPartsRespectTheThreadCountAndTheirOrderAndTheLongestChainStartsFirst()
    {
        var r = new Recorder(pairFirstTwo: true);
        NotebookPart[] parts = [r.Part("pca", 2), r.Part("ex1", 8), r.Part("ex2", 7), r.Part("ex3", 9), r.Part("ex4p", 4.4, "ex2"), r.Part("ex4r", 4.4)];

        PartScheduler.Run(parts, threads: 2, concurrent: true);

        var events = r.Events.ToList();
        Assert.Equal(12, events.Count);
        Assert.Equal(2, r.MostAtOnce);
        Assert.Equal(["start ex2", "start ex3"], events.Take(2).Order());   // chains 11.4 and 9 before ex1's 8
        Assert.True(events.IndexOf("end ex2") < events.IndexOf("start ex4p"));
        Assert.All(r.KernelThreads.Values, count => Assert.InRange(count, 1, KernelThreads.Max));
        Assert.Equal(0, KernelThreads.CountForCurrentThread);
    }

    [Fact]
    public void SequentialPartsRunOneAtATimeInTheGivenOrderWithEveryThread()
    {
        var r = new Recorder();
        PartScheduler.Run([r.Part("pca", 2), r.Part("ex1", 8), r.Part("ex2", 7), r.Part("ex4p", 4.4, "ex2")], threads: 2, concurrent: false);
        Assert.Equal(["start pca", "end pca", "start ex1", "end ex1", "start ex2", "end ex2", "start ex4p", "end ex4p"], r.Events);
        Assert.Equal(1, r.MostAtOnce);
        Assert.All(r.KernelThreads.Values, count => Assert.Equal(Math.Min(2, KernelThreads.Max), count));
    }

    [Fact]
    public void AFailureIsRethrownAfterTheRunningPartsFinishAndNothingMoreStarts()
    {
        var r = new Recorder();
        NotebookPart failing = new("ex2", 7, [], _ => throw new InvalidDataException("bad data"));
        var e = Assert.Throws<InvalidDataException>(() =>
            PartScheduler.Run([failing, r.Part("ex3", 1), r.Part("ex4p", 4.4, "ex2"), r.Part("ex4r", 0.5)], threads: 2, concurrent: true));
        Assert.Equal("bad data", e.Message);
        Assert.DoesNotContain("start ex4p", r.Events);
        Assert.Equal(r.Events.Count(x => x.StartsWith("start", StringComparison.Ordinal)), r.Events.Count(x => x.StartsWith("end", StringComparison.Ordinal)));
    }

    [Fact]
    public void APartNeedingOneNotListedBeforeItIsRefused()
    {
        var r = new Recorder();
        var e = Assert.Throws<ArgumentException>("parts", () => PartScheduler.Run([r.Part("ex4p", 1, "ex2"), r.Part("ex2", 1)], 2, true));
        Assert.Contains("'ex4p' needs 'ex2'", e.Message);
        Assert.Throws<ArgumentException>("parts", () => PartScheduler.Run([r.Part("ex1", 1), r.Part("ex1", 1)], 2, true));
        Assert.Empty(r.Events);
    }
}
