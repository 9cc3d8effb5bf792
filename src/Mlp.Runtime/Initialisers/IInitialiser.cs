namespace Mlp.Initialisers;

/// <summary>Fills a parameter tensor with initial values (the course's <c>mlp.initialisers</c>).</summary>
public interface IInitialiser
{
    /// <summary>Fills <paramref name="values"/>, a tensor with the given fan-in and fan-out, drawing from <paramref name="random"/>.</summary>
    void Initialise(Span<float> values, int fanIn, int fanOut, RandomGenerator random);
}
