namespace Mlp.Penalties;

/// <summary>
/// A penalty on parameter values added to the training error (the course's <c>mlp.penalties</c>), applied to a
/// model's weights only: <see cref="Value(IModel)"/> is added to the error and <see cref="AddGradients(IModel)"/>
/// adds its gradient to the weight gradients after <c>Backward</c>.
/// </summary>
public abstract class Penalty
{
    /// <summary>Sets the coefficient scaling the penalty.</summary>
    /// <param name="coefficient">Finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coefficient"/> is not finite and positive.</exception>
    protected Penalty(double coefficient) => Coefficient = HyperParameter.Positive(coefficient, nameof(coefficient));

    /// <summary>The positive coefficient scaling the penalty.</summary>
    public double Coefficient { get; }

    /// <summary>The penalty of one parameter tensor, accumulated in double.</summary>
    public abstract double Value(ReadOnlySpan<float> values);

    /// <summary>Adds the penalty's gradient with respect to <paramref name="values"/> to <paramref name="gradients"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public abstract void AddGradient(ReadOnlySpan<float> values, Span<float> gradients);

    /// <summary>The penalty summed over every weight parameter of <paramref name="model"/> (biases are not penalised).</summary>
    public double Value(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<Parameter> parameters = model.Parameters;
        double sum = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Kind == ParameterKind.Weights)
                sum += Value(parameters[i].Values);
        }
        return sum;
    }

    /// <summary>
    /// Adds the penalty's gradient to the gradients of every weight parameter of <paramref name="model"/>, frozen or
    /// not (learning rules skip frozen ones); allocates nothing.
    /// </summary>
    public void AddGradients(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<Parameter> parameters = model.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i];
            if (p.Kind == ParameterKind.Weights)
                AddGradient(p.Values, p.Gradients);
        }
    }

    /// <summary>Throws unless the gradient span matches the values.</summary>
    protected static void CheckLengths(int valuesLength, int gradientsLength)
    {
        if (gradientsLength != valuesLength)
            throw new ArgumentException($"gradients has {gradientsLength} values but values has {valuesLength}; they must be the same length.", "gradients");
    }
}
