using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlp.Examples.Progress;

/// <summary>
/// A progress column showing the run's latest validation figures (e.g. <c>valid 4.7981</c> or <c>valid 0.1370 97.33%</c>),
/// kept apart from the description so that a narrow terminal shortens neither the run's name nor the bar.
/// One column per run: the display shows one run at a time.
/// </summary>
internal sealed class EpochStatisticsColumn : ProgressColumn
{
    // Written by the training thread, read by Spectre's refresh thread: a reference swap is atomic.
    private volatile string _text = "";

    /// <summary>The text shown, replaced after each epoch.</summary>
    public string Text
    {
        get => _text;
        set => _text = value;
    }

    /// <inheritdoc/>
    protected override bool NoWrap => true;

    /// <inheritdoc/>
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(_text, new Style(Color.Grey));
}
