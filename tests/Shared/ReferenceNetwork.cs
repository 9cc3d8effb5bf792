namespace Mlp.Tests.Shared;

/// <summary>
/// A plain double-precision implementation of the course's layers, written independently of the generator and
/// kernels, against which generated models are checked (forward values and finite-difference gradients, and the
/// errors the notebook app reports). It reads only the model's layer table, parameters and state (BatchNorm's
/// running statistics: it computes the evaluation pass).
/// </summary>
internal sealed class ReferenceNetwork
{
    private readonly IReadOnlyList<LayerInfo> _layers;
    private readonly double[][] _weights;
    private readonly double[][] _biases;
    private readonly double[][] _runningMeans;
    private readonly double[][] _runningVariances;

    public ReferenceNetwork(IModel model)
    {
        _layers = model.Layers;
        _weights = new double[_layers.Count][];
        _biases = new double[_layers.Count][];
        _runningMeans = new double[_layers.Count][];
        _runningVariances = new double[_layers.Count][];
        // A BatchNorm layer's gamma and beta take the places of weights and biases: its scale, then its shift.
        foreach (Parameter p in model.Parameters)
        {
            double[] copy = p.Values.ToArray().Select(v => (double)v).ToArray();
            if (p.Kind is ParameterKind.Weights or ParameterKind.Gamma) _weights[p.LayerIndex] = copy;
            else _biases[p.LayerIndex] = copy;
        }
        foreach (StateTensor t in model.StateTensors)
        {
            double[] copy = t.Values.ToArray().Select(v => (double)v).ToArray();
            if (t.Kind == StateKind.RunningMean) _runningMeans[t.LayerIndex] = copy;
            else _runningVariances[t.LayerIndex] = copy;
        }
    }

    /// <summary>Every tensor of parameters in the order of <see cref="IModel.Parameters"/>.</summary>
    public IEnumerable<double[]> ParameterTensors()
    {
        for (int i = 0; i < _layers.Count; i++)
        {
            if (_layers[i].Kind is not (LayerKind.Affine or LayerKind.BatchNorm)) continue;
            yield return _weights[i];
            yield return _biases[i];
        }
    }

    /// <summary>The outputs of every layer, in order.</summary>
    public double[][] Forward(double[] x, int batch)
    {
        var outputs = new double[_layers.Count][];
        for (int i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].Kind == LayerKind.BatchNorm
                ? BatchNormEvaluation(x, _layers[i].OutputDim, _weights[i], _biases[i], _runningMeans[i], _runningVariances[i])
                : Layer(_layers[i], x, batch, _weights[i], _biases[i]);
            outputs[i] = x;
        }
        return outputs;
    }

    /// <summary>The scalar <c>Σ g · y</c>, whose gradient with respect to the outputs is <paramref name="g"/>.</summary>
    public double Loss(double[] x, int batch, double[] g)
    {
        double[] y = Forward(x, batch)[^1];
        double sum = 0;
        for (int i = 0; i < y.Length; i++) sum += g[i] * y[i];
        return sum;
    }

    // Evaluation normalises with the running statistics: y = gamma · (x − mean) / sqrt(var + 1e-5) + beta.
    private static double[] BatchNormEvaluation(double[] x, int n, double[] gamma, double[] beta, double[] mean, double[] variance)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int j = i % n;
            y[i] = gamma[j] * (x[i] - mean[j]) / Math.Sqrt(variance[j] + 1e-5) + beta[j];
        }
        return y;
    }

    private static double[] Layer(LayerInfo layer, double[] x, int batch, double[] w, double[] b)
    {
        int n = layer.OutputDim, k = layer.InputDim;
        double a = layer.Argument;
        switch (layer.Kind)
        {
            case LayerKind.Affine:
                var y = new double[batch * n];
                for (int r = 0; r < batch; r++)
                    for (int j = 0; j < n; j++)
                    {
                        double s = b[j];
                        for (int p = 0; p < k; p++) s += x[r * k + p] * w[j * k + p];
                        y[r * n + j] = s;
                    }
                return y;
            case LayerKind.Relu: return x.Select(v => Math.Max(v, 0)).ToArray();
            case LayerKind.LeakyRelu: return x.Select(v => v > 0 ? v : a * v).ToArray();
            case LayerKind.Elu: return x.Select(v => v > 0 ? v : a * (Math.Exp(v) - 1)).ToArray();
            case LayerKind.Sigmoid: return x.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            case LayerKind.Tanh: return x.Select(Math.Tanh).ToArray();
            case LayerKind.Dropout: return x.Select(v => v * a).ToArray();
            case LayerKind.Softplus: return x.Select(v => Math.Log(1 + Math.Exp(v))).ToArray();
            case LayerKind.Selu: return x.Select(v => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.Exp(v) - 1))).ToArray();
            case LayerKind.Softmax:
                var s2 = new double[x.Length];
                for (int r = 0; r < batch; r++)
                {
                    double max = double.NegativeInfinity;
                    for (int j = 0; j < n; j++) max = Math.Max(max, x[r * n + j]);
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += s2[r * n + j] = Math.Exp(x[r * n + j] - max);
                    for (int j = 0; j < n; j++) s2[r * n + j] /= sum;
                }
                return s2;
            default: throw new NotSupportedException(layer.Kind.ToString());
        }
    }
}
