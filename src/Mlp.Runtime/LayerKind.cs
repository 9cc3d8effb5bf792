namespace Mlp;

/// <summary>The kinds of layer the model attributes declare.</summary>
public enum LayerKind
{
    /// <summary><c>y = x Wᵀ + b</c>, see <see cref="AffineAttribute"/>.</summary>
    Affine,

    /// <summary><c>max(x, 0)</c>.</summary>
    Relu,

    /// <summary><c>x</c> for positive x, else <c>alpha · x</c>.</summary>
    LeakyRelu,

    /// <summary><c>x</c> for positive x, else <c>alpha · (exp(x) − 1)</c>.</summary>
    Elu,

    /// <summary><c>1 / (1 + exp(−x))</c>.</summary>
    Sigmoid,

    /// <summary><c>tanh(x)</c>.</summary>
    Tanh,

    /// <summary>Row-wise, numerically stable softmax.</summary>
    Softmax,

    /// <summary>Keeps each unit with an inclusion probability while training; scales by it otherwise.</summary>
    Dropout,
}
