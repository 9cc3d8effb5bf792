using System.Collections.Generic;

#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

// This folder is compiled into the runtime (public, namespace Mlp) and linked into the generator (internal,
// namespace Mlp.Generators, MLP_GENERATOR defined; netstandard2.0), as dotnet/runtime links RegexNodeKind.cs into
// its regex generator: the parser, layout, emitters, LayerInfo, summaries, tensor names and ONNX export all read
// this one table instead of switching on kinds.
//
// Adding a layer kind that fits an existing LayerForm (an activation, say Softplus) takes four source files:
//   1. here: a LayerKind member at the end of the enum (public API: never reorder) and its row at the end of AllRows
//      (same order; a test checks) — kernel names, what backward reads, argument and its range, ONNX operator,
//      PyTorch module;
//   2. its kernel, Mlp.Kernels.{Kind}Kernel (Kernels/), with the methods the row names (LayerKernel says their
//      parameters);
//   3. its attribute, Mlp.{Kind}Attribute (Layers/), whose constructor the row describes (a test checks the
//      parameter and its default against the row);
//   4. its rows in README.md: the layer table under "Declaring models", the PyTorch and the ONNX lists.
// and in the tests: a model in tests/Mlp.Tests/Generated/TestModels.cs listed in Generated/ModelRegistry.cs
// (gradient checks, ONNX Runtime checks; a test fails until every kind is there), its formula in
// tests/Shared/ReferenceNetwork.cs, and for an activation a case in tests/Mlp.Tests/Catalogue/torch/make_fixtures.py
// (rerun it with /usr/bin/python3) with its model in Catalogue/TorchModels.cs and TorchAgreementTests.
// A kind that needs other generated code adds a LayerForm and its case in the generator's LayerMethods.cs; one with
// parameters lists them in its row (new ParameterKind members go in ParameterKind.cs), and the layout, accessors,
// safetensors names and ONNX initializers follow from the row.

/// <summary>The kinds of layer the model attributes declare; <see cref="LayerCatalogue"/> says what each one is.</summary>
/// <remarks>Public API: members are only ever added at the end, so that stored values keep their meaning.</remarks>
#if MLP_GENERATOR
internal
#else
public
#endif
enum LayerKind
{
    /// <summary><c>y = x Wᵀ + b</c>, see <c>AffineAttribute</c>.</summary>
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

    /// <summary><c>λ·x</c> for positive x, else <c>λ·α·(exp(x) − 1)</c>, with SELU's fixed α and λ.</summary>
    Selu,

    /// <summary><c>log(1 + exp(x))</c>.</summary>
    Softplus,

    /// <summary>Normalises each feature with batch statistics while training, running statistics otherwise; then scales and shifts it.</summary>
    BatchNorm,
}

/// <summary>What each <see cref="LayerKind"/> is: one row per kind, in the enum's order.</summary>
#if MLP_GENERATOR
internal
#else
public
#endif
static class LayerCatalogue
{
    private static readonly LayerParameter[] None = new LayerParameter[0];

    // The state tensors layers keep, one per StateKind in its order; declared before the rows, which refer to them.
    private static readonly LayerState[] AllStates =
    {
        new(StateKind.RunningMean, "running_mean", Initial: 0f),
        new(StateKind.RunningVariance, "running_var", Initial: 1f),
    };

    private static readonly LayerRow[] AllRows =
    {
        new(LayerKind.Affine, LayerForm.Affine, Argument: null, BackwardReads: LayerTensors.Inputs,
            Parameters: new LayerParameter[]
            {
                new(ParameterKind.Weights, ParameterShape.OutputByInput, PyTorchName: "weight"),
                new(ParameterKind.Biases, ParameterShape.Output, PyTorchName: "bias"),
            },
            new LayerKernel("AffineKernel", "Forward", "BackwardInputs") { BackwardParameters = "BackwardParameters" },
            // y = x Wᵀ + b with W stored (output, input), as Gemm computes with transB = 1.
            new OnnxOperator("Gemm") { IntAttribute = "transB", IntAttributeValue = 1 },
            new PyTorchModule("torch.nn.Linear")),

        new(LayerKind.Relu, LayerForm.Activation, Argument: null, BackwardReads: LayerTensors.Outputs, None,
            new LayerKernel("ReluKernel", "Forward", "Backward"),
            new OnnxOperator("Relu"),
            new PyTorchModule("torch.nn.ReLU")),

        new(LayerKind.LeakyRelu, LayerForm.Activation,
            new LayerArgument("alpha", "alpha", ArgumentRange.AtLeast(0f), Default: 0.01f),
            BackwardReads: LayerTensors.Inputs, None,
            new LayerKernel("LeakyReluKernel", "Forward", "Backward"),
            new OnnxOperator("LeakyRelu") { ArgumentAttribute = "alpha" },
            new PyTorchModule("torch.nn.LeakyReLU", ArgumentName: "negative_slope")),

        new(LayerKind.Elu, LayerForm.Activation,
            new LayerArgument("alpha", "alpha", ArgumentRange.Above(0f), Default: 1f),
            BackwardReads: LayerTensors.Inputs | LayerTensors.Outputs, None,
            new LayerKernel("EluKernel", "Forward", "Backward"),
            new OnnxOperator("Elu") { ArgumentAttribute = "alpha" },
            new PyTorchModule("torch.nn.ELU", ArgumentName: "alpha")),

        new(LayerKind.Sigmoid, LayerForm.Activation, Argument: null, BackwardReads: LayerTensors.Outputs, None,
            new LayerKernel("SigmoidKernel", "Forward", "Backward"),
            new OnnxOperator("Sigmoid"),
            new PyTorchModule("torch.nn.Sigmoid")),

        new(LayerKind.Tanh, LayerForm.Activation, Argument: null, BackwardReads: LayerTensors.Outputs, None,
            new LayerKernel("TanhKernel", "Forward", "Backward"),
            new OnnxOperator("Tanh"),
            new PyTorchModule("torch.nn.Tanh")),

        new(LayerKind.Softmax, LayerForm.Activation, Argument: null, BackwardReads: LayerTensors.Outputs, None,
            new LayerKernel("SoftmaxKernel", "Forward", "Backward", TakesWidth: true),
            new OnnxOperator("Softmax") { IntAttribute = "axis", IntAttributeValue = -1 },
            new PyTorchModule("torch.nn.Softmax")), // over the last dimension, dim=-1

        new(LayerKind.Dropout, LayerForm.Dropout,
            new LayerArgument("inclusionProbability", "the inclusion probability", new ArgumentRange(0f, false, 1f, true), Default: null),
            BackwardReads: LayerTensors.None, None,
            new LayerKernel("DropoutKernel", "ForwardTraining", "BackwardTraining")
            {
                ForwardEvaluation = "ForwardEvaluation",
                BackwardEvaluation = "BackwardEvaluation",
            },
            // The course's dropout multiplies by the inclusion probability at inference; ONNX Dropout would not.
            new OnnxOperator("Mul") { ArgumentInput = "inclusion_probability" },
            new PyTorchModule("torch.nn.Dropout", Note:
                "p = 1 − inclusion probability, and PyTorch scales the kept units by 1/(1 − p) while training, " +
                "where the course scales by the inclusion probability at inference")),

        new(LayerKind.Selu, LayerForm.Activation, Argument: null, BackwardReads: LayerTensors.Inputs | LayerTensors.Outputs, None,
            new LayerKernel("SeluKernel", "Forward", "Backward"),
            new OnnxOperator("Selu"), // its default alpha and gamma are SELU's constants as float32
            new PyTorchModule("torch.nn.SELU")),

        new(LayerKind.Softplus, LayerForm.Activation, Argument: null, BackwardReads: LayerTensors.Inputs, None,
            new LayerKernel("SoftplusKernel", "Forward", "Backward"),
            new OnnxOperator("Softplus"),
            new PyTorchModule("torch.nn.Softplus")), // its default beta = 1; above its threshold of 20 it returns x, as float32 does here
        new(LayerKind.BatchNorm, LayerForm.BatchNorm,
            new LayerArgument("momentum", "the momentum", new ArgumentRange(0f, false, 1f, true), Default: 0.1f),
            BackwardReads: LayerTensors.Inputs,
            new LayerParameter[]
            {
                new(ParameterKind.Gamma, ParameterShape.Output, PyTorchName: "weight") { Initial = 1f },
                new(ParameterKind.Beta, ParameterShape.Output, PyTorchName: "bias") { Initial = 0f },
            },
            new LayerKernel("BatchNormKernel", "ForwardTraining", "BackwardInputsTraining")
            {
                BackwardParameters = "BackwardParameters",
                ForwardEvaluation = "ForwardEvaluation",
                BackwardEvaluation = "BackwardInputsEvaluation",
            },
            // Inference semantics: the running statistics are the mean and variance inputs; ONNX's momentum is training-only.
            new OnnxOperator("BatchNormalization") { FloatAttribute = "epsilon", FloatAttributeValue = 1e-5f },
            // The same eps (1e-5) and momentum convention: running = (1 − momentum) · running + momentum · batch, with
            // the unbiased batch variance for running_var.
            new PyTorchModule("torch.nn.BatchNorm1d", ArgumentName: "momentum"))
        {
            States = new[] { AllStates[(int)StateKind.RunningMean], AllStates[(int)StateKind.RunningVariance] },
        },
    };

    /// <summary>Every row, in <see cref="LayerKind"/> order.</summary>
    public static IReadOnlyList<LayerRow> Rows => AllRows;

    /// <summary>The row of <paramref name="kind"/>.</summary>
    /// <param name="kind">A defined layer kind.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static LayerRow Of(LayerKind kind)
    {
        int index = (int)kind;
        return index >= 0 && index < AllRows.Length && AllRows[index].Kind == kind
            ? AllRows[index]
            : throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "Not a layer kind of this version.");
    }

    /// <summary>The row whose attribute class is named <paramref name="attributeName"/> (e.g. <c>ReluAttribute</c>), or null.</summary>
    /// <param name="attributeName">The attribute class's simple name.</param>
    public static LayerRow? ByAttributeName(string attributeName)
    {
        foreach (LayerRow row in AllRows)
            if (row.AttributeName == attributeName)
                return row;
        return null;
    }

    /// <summary>The description of parameters of <paramref name="kind"/>, from the row that owns them.</summary>
    /// <param name="kind">A parameter kind.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">No row owns <paramref name="kind"/>.</exception>
    public static LayerParameter Parameter(ParameterKind kind)
    {
        foreach (LayerRow row in AllRows)
            foreach (LayerParameter parameter in row.Parameters)
                if (parameter.Kind == kind)
                    return parameter;
        throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "No layer owns parameters of this kind.");
    }

    /// <summary>The description of state tensors of <paramref name="kind"/>.</summary>
    /// <param name="kind">A defined state kind.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static LayerState State(StateKind kind)
    {
        int index = (int)kind;
        return index >= 0 && index < AllStates.Length && AllStates[index].Kind == kind
            ? AllStates[index]
            : throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "Not a state kind of this version.");
    }
}
