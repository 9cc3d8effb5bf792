namespace Mlp.Tests.Errors;

/// <summary>Every error against its double-precision reference and against finite differences of its own value.</summary>
public class ErrorFunctionTests
{
    // 7 rows of 13: each row and the whole batch end in a scalar tail after the SIMD body.
    private const int Rows = 7, Width = 13;

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void ValueMatchesTheDoublePrecisionReference(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(Rows, Width, 1), t = c.Targets(Rows, Width, 2);
        double expected = c.Reference(TestData.ToDouble(y), TestData.ToDouble(t), Rows);
        TestData.Close(expected, c.Error.Value(y, t, Rows), 1e-12);
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void SumAndPerExampleAgreeWithTheReferencePerRow(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(Rows, Width, 3), t = c.Targets(Rows, Width, 4);
        var perExample = new double[Rows];
        c.Error.PerExample(y, t, perExample, Rows);
        double total = 0;
        for (int r = 0; r < Rows; r++)
        {
            double expected = c.Reference(TestData.ToDouble(y.AsSpan(r * Width, Width)), TestData.ToDouble(t.AsSpan(r * Width, Width)), 1);
            TestData.Close(expected, perExample[r], 1e-12, what: $"example {r}");
            total += expected;
        }
        TestData.Close(total, c.Error.Sum(y, t, Rows), 1e-12, what: "sum");
        TestData.Close(total / Rows, c.Error.Value(y, t, Rows), 1e-12, what: "value");
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void SumsOfChunksGiveTheValueOfTheWhole(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(Rows, Width, 5), t = c.Targets(Rows, Width, 6);
        int split = 3 * Width;
        double chunked = c.Error.Sum(y.AsSpan(0, split), t.AsSpan(0, split), 3) + c.Error.Sum(y.AsSpan(split), t.AsSpan(split), Rows - 3);
        TestData.Close(c.Error.Value(y, t, Rows), chunked / Rows, 1e-13);
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void GradientMatchesFiniteDifferencesOfTheValue(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(Rows, Width, 7), t = c.Targets(Rows, Width, 8);
        var gradient = new float[y.Length];
        c.Error.Gradient(y, t, gradient, Rows);
        double scale = gradient.Max(g => Math.Abs((double)g));
        for (int i = 0; i < y.Length; i++)
        {
            float original = y[i];
            // The value is computed in double from the floats, so differences of it are exact to ~1e-16; the step
            // actually taken is the difference of the rounded floats.
            float plus = original + 1f / 16384, minus = original - 1f / 16384;
            y[i] = plus;
            double ePlus = c.Error.Value(y, t, Rows);
            y[i] = minus;
            double eMinus = c.Error.Value(y, t, Rows);
            y[i] = original;
            double numeric = (ePlus - eMinus) / ((double)plus - minus);
            TestData.Close(numeric, gradient[i], 1e-4, 1e-5 * scale, $"d/dy[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void GradientMatchesFiniteDifferencesOfTheReference(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(Rows, Width, 9), t = c.Targets(Rows, Width, 10);
        var gradient = new float[y.Length];
        c.Error.Gradient(y, t, gradient, Rows);
        double[] yd = TestData.ToDouble(y), td = TestData.ToDouble(t);
        const double h = 1e-6;
        for (int i = 0; i < yd.Length; i++)
        {
            double original = yd[i];
            yd[i] = original + h;
            double ePlus = c.Reference(yd, td, Rows);
            yd[i] = original - h;
            double eMinus = c.Reference(yd, td, Rows);
            yd[i] = original;
            TestData.Close((ePlus - eMinus) / (2 * h), gradient[i], 1e-5, 1e-7, $"d/dy[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void ValueAndGradientAllocateNothing(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(50, 784, 11), t = c.Targets(50, 784, 12);
        var gradient = new float[y.Length];
        var perExample = new double[50];
        Allocations.AssertNone(() =>
        {
            for (int k = 0; k < 10; k++)
            {
                c.Error.Value(y, t, 50);
                c.Error.Gradient(y, t, gradient, 50);
                c.Error.PerExample(y, t, perExample, 50);
            }
        });
    }
}
