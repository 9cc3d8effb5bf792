namespace Mlp.Tests.Generated;

/// <summary>
/// For every layer kind, the generated Forward agrees with <see cref="ReferenceNetwork"/>, and the generated
/// Backward agrees with central finite differences of the double-precision reference, for parameters and
/// inputs, at batch sizes 1, 3 and 11.
/// </summary>
public sealed class GradientCheckTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string model in ModelRegistry.Names)
            foreach (int batch in new[] { 1, 3, 11 })
                data.Add(model, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesTheReference(string name, int batch)
    {
        IModel model = Prepare(ModelRegistry.Create(name), batch, out float[] x, out _);
        double[][] expected = new ReferenceNetwork(model).Forward(TestData.ToDouble(x), batch);

        model.Forward(x, batch);

        for (int i = 0; i < model.Layers.Count; i++)
            AssertClose(expected[i], model.LayerOutput(i).ToArray(), 1e-5, $"{name}: layer {i} output");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesFiniteDifferences(string name, int batch)
    {
        IModel model = Prepare(ModelRegistry.Create(name), batch, out float[] x, out double[] g);
        var reference = new ReferenceNetwork(model);
        double[] xd = TestData.ToDouble(x);

        model.Forward(x, batch);
        var gradsWrtInputs = new float[x.Length];
        model.Backward(g.Select(v => (float)v).ToArray(), gradsWrtInputs);

        int index = 0;
        foreach (double[] tensor in reference.ParameterTensors())
        {
            Parameter p = model.Parameters[index++];
            double[] numeric = TestData.CentralDifferences(tensor.AsSpan(), 1e-6, () => reference.Loss(xd, batch, g));
            AssertClose(numeric, p.Gradients.ToArray(), 1e-4, $"{name}: {p.Name} gradient");
        }
        AssertClose(TestData.CentralDifferences(xd.AsSpan(), 1e-6, () => reference.Loss(xd, batch, g)), gradsWrtInputs, 1e-4, $"{name}: input gradient");
    }

    [Fact]
    public void BackwardOverwritesRatherThanAccumulates()
    {
        IModel model = Prepare(new WiderNet(seed: 3), 5, out float[] x, out double[] g);
        float[] gf = g.Select(v => (float)v).ToArray();
        model.Forward(x, 5);
        model.Backward(gf);
        float[] first = model.AllGradients.ToArray();
        model.Backward(gf);
        Assert.Equal(first, model.AllGradients.ToArray());
    }

    /// <summary>
    /// Random non-zero biases and BatchNorm shifts (so their gradients matter), scales away from 1, running statistics
    /// away from 0 and 1, inputs and output gradients.
    /// </summary>
    internal static IModel Prepare(IModel model, int batch, out float[] x, out double[] g)
    {
        var random = new RandomGenerator(1234 + batch);
        foreach (Parameter p in model.Parameters.Where(p => p.Kind is ParameterKind.Biases or ParameterKind.Beta))
            random.FillUniform(p.Values, -0.5, 0.5);
        foreach (Parameter p in model.Parameters.Where(p => p.Kind == ParameterKind.Gamma))
            random.FillUniform(p.Values, 0.5, 1.5);
        foreach (StateTensor t in model.StateTensors)
            random.FillUniform(t.Values, t.Kind == StateKind.RunningMean ? -0.5 : 0.5, t.Kind == StateKind.RunningMean ? 0.5 : 2);
        x = new float[batch * model.InputDim];
        random.FillNormal(x, 0, 1);
        g = new double[batch * model.OutputDim];
        for (int i = 0; i < g.Length; i++) g[i] = random.NextGaussian();
        return model;
    }

    /// <summary>Every element within <paramref name="tolerance"/> of the expected tensor's largest magnitude.</summary>
    internal static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(Math.Abs), 1e-3);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= tolerance * scale,
                $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9} (error {error:E2} > {tolerance:E0} × scale {scale:G4})");
        }
    }
}
