using Mlp.LearningRules;

namespace Mlp.Tests.LearningRules;

/// <summary>
/// A double-precision reference of a course learning rule, written here independently as plain loops over the whole
/// parameter vector; frozen entries are skipped.
/// </summary>
internal abstract class ReferenceRule
{
    public abstract void Step(double[] p, double[] g, bool[] frozen);
}

/// <summary>Each learning rule under test with its reference, built from the same hyper-parameters.</summary>
internal static class RuleCases
{
    public static readonly string[] Names =
    [
        nameof(GradientDescentLearningRule), nameof(MomentumLearningRule), nameof(NesterovMomentumLearningRule),
        nameof(AdamLearningRule), nameof(AdaGradLearningRule), nameof(RMSPropLearningRule),
    ];

    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });

    /// <summary>The rule with non-default hyper-parameters (so defaults cannot mask mistakes) and its reference.</summary>
    public static (LearningRule Rule, ReferenceRule Reference) Create(string name, int length) => name switch
    {
        nameof(GradientDescentLearningRule) => (new GradientDescentLearningRule(0.05), new Sgd(0.05)),
        nameof(MomentumLearningRule) => (new MomentumLearningRule(0.05, 0.8), new Momentum(0.05, 0.8, length)),
        nameof(NesterovMomentumLearningRule) => (new NesterovMomentumLearningRule(0.05, 0.8), new Nesterov(0.05, 0.8, length)),
        nameof(AdamLearningRule) => (new AdamLearningRule(0.01, 0.8, 0.95, 1e-3), new Adam(0.01, 0.8, 0.95, 1e-3, length)),
        nameof(AdaGradLearningRule) => (new AdaGradLearningRule(0.05, 1e-3), new AdaGrad(0.05, 1e-3, length)),
        nameof(RMSPropLearningRule) => (new RMSPropLearningRule(0.01, 0.7, 1e-3), new RmsProp(0.01, 0.7, 1e-3, length)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown rule."),
    };

    /// <summary>The same rule type with default hyper-parameters.</summary>
    public static LearningRule CreateDefault(string name) => name switch
    {
        nameof(GradientDescentLearningRule) => new GradientDescentLearningRule(),
        nameof(MomentumLearningRule) => new MomentumLearningRule(),
        nameof(NesterovMomentumLearningRule) => new NesterovMomentumLearningRule(),
        nameof(AdamLearningRule) => new AdamLearningRule(),
        nameof(AdaGradLearningRule) => new AdaGradLearningRule(),
        nameof(RMSPropLearningRule) => new RMSPropLearningRule(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown rule."),
    };

    private sealed class Sgd(double lr) : ReferenceRule
    {
        public override void Step(double[] p, double[] g, bool[] frozen)
        {
            for (int i = 0; i < p.Length; i++)
                if (!frozen[i]) p[i] -= lr * g[i];
        }
    }

    private sealed class Momentum(double lr, double c, int n) : ReferenceRule
    {
        private readonly double[] _m = new double[n];

        public override void Step(double[] p, double[] g, bool[] frozen)
        {
            for (int i = 0; i < p.Length; i++)
            {
                if (frozen[i]) continue;
                _m[i] = c * _m[i] - lr * g[i];
                p[i] += _m[i];
            }
        }
    }

    private sealed class Nesterov(double lr, double c, int n) : ReferenceRule
    {
        private readonly double[] _m = new double[n];

        public override void Step(double[] p, double[] g, bool[] frozen)
        {
            for (int i = 0; i < p.Length; i++)
            {
                if (frozen[i]) continue;
                double previous = _m[i];
                _m[i] = c * _m[i] - lr * g[i];
                p[i] += (1 + c) * _m[i] - c * previous;
            }
        }
    }

    private sealed class Adam(double lr, double b1, double b2, double eps, int n) : ReferenceRule
    {
        private readonly double[] _m = new double[n], _v = new double[n];
        private int _t;

        public override void Step(double[] p, double[] g, bool[] frozen)
        {
            _t++;
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, _t)) / (1 - Math.Pow(b1, _t));
            for (int i = 0; i < p.Length; i++)
            {
                if (frozen[i]) continue;
                _m[i] = b1 * _m[i] + (1 - b1) * g[i];
                _v[i] = b2 * _v[i] + (1 - b2) * g[i] * g[i];
                p[i] -= alpha * _m[i] / (Math.Sqrt(_v[i]) + eps);
            }
        }
    }

    private sealed class AdaGrad(double lr, double eps, int n) : ReferenceRule
    {
        private readonly double[] _s = new double[n];

        public override void Step(double[] p, double[] g, bool[] frozen)
        {
            for (int i = 0; i < p.Length; i++)
            {
                if (frozen[i]) continue;
                _s[i] += g[i] * g[i];
                p[i] -= lr * g[i] / Math.Sqrt(_s[i] + eps);
            }
        }
    }

    private sealed class RmsProp(double lr, double beta, double eps, int n) : ReferenceRule
    {
        private readonly double[] _v = new double[n];

        public override void Step(double[] p, double[] g, bool[] frozen)
        {
            for (int i = 0; i < p.Length; i++)
            {
                if (frozen[i]) continue;
                _v[i] = beta * _v[i] + (1 - beta) * g[i] * g[i];
                p[i] -= lr * g[i] / Math.Sqrt(_v[i] + eps);
            }
        }
    }
}
