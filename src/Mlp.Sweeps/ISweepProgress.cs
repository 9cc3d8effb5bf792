namespace Mlp.Sweeps;

/// <summary>Receives a sweep's progress; called from the trials' threads, so implementations must be thread-safe.</summary>
public interface ISweepProgress
{
    /// <summary>The sweep starts: <paramref name="total"/> trials, of which <paramref name="alreadyDone"/> finished before.</summary>
    void SweepStarted(int total, int alreadyDone);

    /// <summary>A trial starts (or resumes from <paramref name="fromEpoch"/>).</summary>
    void TrialStarted(TrialSettings trial, int fromEpoch, string host);

    /// <summary>A trial completed an epoch.</summary>
    void TrialEpoch(TrialEpoch epoch);

    /// <summary>A trial finished (completed or diverged).</summary>
    void TrialFinished(TrialResult result);
}
