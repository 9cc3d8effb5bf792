namespace Mlp.Sweeps;

/// <summary>
/// The models a sweep may train, by name: generated models compiled into the application, each registered with a
/// factory. A sweep request names a model only by a key of this table, so nothing in a request can name other code to
/// run (a silo builds its own registry from the types it was compiled with).
/// </summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<string, RegisteredModel> _models = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds <paramref name="name"/>, built by <paramref name="create"/> from a seed.</summary>
    /// <exception cref="ArgumentException">The name is empty, not a plain identifier, or already registered.</exception>
    public ModelRegistry Add(string name, ModelTask task, Func<int, IModel> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Model name '{name}' must be ASCII letters, digits, '-' or '_'.", nameof(name));
        if (!_models.TryAdd(name, new RegisteredModel(name, task, create)))
            throw new ArgumentException($"A model named '{name}' is already registered.", nameof(name));
        return this;
    }

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _models.Values.Select(m => m.Name)];

    /// <summary>The model registered as <paramref name="name"/> (any case), or null.</summary>
    public RegisteredModel? Find(string name) => _models.GetValueOrDefault(name);

    /// <summary>The model registered as <paramref name="name"/>.</summary>
    /// <exception cref="SweepDefinitionException">No model has that name; the message lists the registered ones.</exception>
    public RegisteredModel Get(string name) => Find(name)
        ?? throw new SweepDefinitionException("model", $"unknown model '{name}'; this build knows {string.Join(", ", Names)}");
}

/// <summary>One entry of a <see cref="ModelRegistry"/>.</summary>
/// <param name="Name">The name a sweep uses.</param>
/// <param name="Task">What the model is trained for.</param>
/// <param name="Create">Builds the model, its weights drawn from the seed.</param>
public sealed record RegisteredModel(string Name, ModelTask Task, Func<int, IModel> Create);
