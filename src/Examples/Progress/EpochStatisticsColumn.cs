using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlp.Examples.Progress;

/// <summary>
/// A progress column showing each run's latest validation figures (e.g. <c>valid 4.7981</c> or <c>valid 0.1370 97.33%</c>),
/// kept apart from the description so that a narrow terminal shortens neither the run's name nor the bar. Each bar
/// (Spectre task) has its own text, so runs training at once each show theirs.
/// </summary>
internal sealed class EpochStatisticsColumn : ProgressColumn
{
    // Written by the training threads, read by Spectre's refresh thread.
    private readonly ConcurrentDictionary<int, string> _texts = new();

    /// <summary>Replaces the text shown beside the bar of task <paramref name="taskId"/>.</summary>
    public void Set(int taskId, string text) => _texts[taskId] = text;

    /// <inheritdoc/>
    protected override bool NoWrap => true;

    /// <inheritdoc/>
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(_texts.GetValueOrDefault(task.Id, ""), new Style(Color.Grey));
}
