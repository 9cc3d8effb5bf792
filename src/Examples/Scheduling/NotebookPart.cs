namespace Mlp.Examples.Scheduling;

/// <summary>One independently runnable part of the notebook (an exercise's training, PCA's fit).</summary>
/// <param name="Key">The part's name, unique in a schedule, e.g. <c>ex2</c>.</param>
/// <param name="Cost">Its expected duration relative to the others (seconds of a default run): the longest chains start first.</param>
/// <param name="After">The keys of the parts whose results it needs (exercise 4's pre-trained classifier after exercise 2).</param>
/// <param name="Work">The work, given its share of the threads; it keeps its results itself.</param>
public sealed record NotebookPart(string Key, double Cost, IReadOnlyList<string> After, Action<ThreadShare> Work);
