namespace Mlp.Initialisers;

/// <summary>Applies initialisers to a model's parameters, using each parameter's shape for fan-in and fan-out.</summary>
public static class ModelInitialisation
{
    private static readonly GlorotUniformInit DefaultWeights = new();
    private static readonly ConstantInit DefaultBiases = new(0f);

    /// <summary>The generated models' default: Glorot-uniform weights and zero biases, drawn in parameter order.</summary>
    public static void InitialiseDefault(IReadOnlyList<Parameter> parameters, RandomGenerator random) =>
        Initialise(parameters, DefaultWeights, DefaultBiases, random);

    /// <summary>Re-initialises every parameter of <paramref name="model"/> from a fresh generator seeded with <paramref name="seed"/>; state is left alone.</summary>
    public static void Initialise(this IModel model, IInitialiser weights, IInitialiser biases, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        Initialise(model.Parameters, weights, biases, new RandomGenerator(seed));
    }

    /// <summary>
    /// Initialises weights with <paramref name="weights"/> and biases with <paramref name="biases"/>, in parameter order;
    /// parameters with a fixed start (BatchNorm's gamma and beta) get it.
    /// </summary>
    public static void Initialise(IReadOnlyList<Parameter> parameters, IInitialiser weights, IInitialiser biases, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        ArgumentNullException.ThrowIfNull(random);
        foreach (Parameter p in parameters)
        {
            // BatchNorm's scale and shift start from fixed values, drawing nothing, so the other layers' draws are unchanged.
            if (LayerCatalogue.Parameter(p.Kind).Initial is float initial)
                p.Values.Fill(initial);
            else
                (p.Kind == ParameterKind.Weights ? weights : biases).Initialise(p.Values, p.FanIn, p.FanOut, random);
        }
    }

    /// <summary>Sets every state tensor (BatchNorm's running mean to 0, running variance to 1) to its starting value.</summary>
    public static void InitialiseState(IReadOnlyList<StateTensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (StateTensor s in state)
            s.Values.Fill(LayerCatalogue.State(s.Kind).Initial);
    }
}
