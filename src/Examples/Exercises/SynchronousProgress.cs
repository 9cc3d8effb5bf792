namespace Mlp.Examples.Exercises;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread: <see cref="Progress{T}"/>
/// would post to the thread pool, so epochs could be shown out of order or after their run had finished.
/// </summary>
/// <param name="handler">Called with every report.</param>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
