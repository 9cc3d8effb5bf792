using Mlp.Data;

namespace Mlp.Examples.Exercises;

/// <summary>A further data set whose error (and monitors) a training run measures after every epoch, beside the training and validation sets.</summary>
/// <param name="Set">The set's stable key, e.g. <c>valid_noisy</c>: the statistics get <c>error(valid_noisy)</c>.</param>
/// <param name="Data">The examples, evaluated whole in their original order.</param>
public sealed record MonitoredSet(string Set, DataProvider Data);
