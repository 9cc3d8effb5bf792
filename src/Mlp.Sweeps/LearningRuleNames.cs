using Mlp.LearningRules;

namespace Mlp.Sweeps;

/// <summary>The learning rules a sweep can use, by name, with the runtime's default coefficients.</summary>
public static class LearningRuleNames
{
    /// <summary>Plain gradient descent.</summary>
    public const string GradientDescent = "sgd";

    /// <summary>Adam (the course's form).</summary>
    public const string Adam = "adam";

    /// <summary>Every name, in the order help lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [GradientDescent, "momentum", "nesterov", Adam, "adagrad", "rmsprop"];

    /// <summary>A fresh rule named <paramref name="name"/> at <paramref name="learningRate"/>.</summary>
    public static LearningRule Create(string name, double learningRate) => name switch
    {
        GradientDescent => new GradientDescentLearningRule(learningRate),
        "momentum" => new MomentumLearningRule(learningRate),
        "nesterov" => new NesterovMomentumLearningRule(learningRate),
        Adam => new AdamLearningRule(learningRate),
        "adagrad" => new AdaGradLearningRule(learningRate),
        "rmsprop" => new RMSPropLearningRule(learningRate),
        _ => throw new SweepDefinitionException("rule", $"unknown learning rule '{name}'; expected one of {string.Join(", ", All)}"),
    };
}
