using Mlp.Examples.Analysis;

namespace Mlp.Examples.Tests.Analysis;

public class PrincipalAnglesTests
{
    private const int Dimension = 20;

    // Unit vector along axis i of the test space.
    private static double[] Axis(int i)
    {
        var v = new double[Dimension];
        v[i] = 1;
        return v;
    }

    private static double[] Rows(params double[][] rows) => rows.SelectMany(r => r).ToArray();

    private static double[] Combine(double a, double[] x, double b, double[] y) => x.Zip(y, (p, q) => a * p + b * q).ToArray();

    private static double Cos(double degrees) => Math.Cos(degrees * Math.PI / 180);

    private static double Sin(double degrees) => Math.Sin(degrees * Math.PI / 180);

    [Fact]
    public void ASubspaceSpannedByOtherVectorsIsAt0DegreesFromItself()
    {
        // Three random vectors, and three different mixtures of them (scaled, sheared): the same span.
        var random = new RandomGenerator(5);
        var a = new double[3 * Dimension];
        for (int i = 0; i < a.Length; i++)
            a[i] = random.NextDouble() - 0.5;
        double[] r0 = a[..Dimension], r1 = a[Dimension..(2 * Dimension)], r2 = a[(2 * Dimension)..];
        double[] b = Rows(Combine(2, r0, 1, r1), Combine(-1, r1, 3, r2), Combine(0.5, r0, -0.25, r2));

        PrincipalAngles angles = PrincipalAngles.Between(a, 3, b, 3, Dimension);

        Assert.Equal(3, angles.Degrees.Count);
        Assert.All(angles.Degrees, d => Assert.InRange(d, 0, 1e-4));
        Assert.InRange(angles.Largest, 0, 1e-4);
    }

    [Fact]
    public void OrthogonalSubspacesAreAt90Degrees()
    {
        PrincipalAngles angles = PrincipalAngles.Between(Rows(Axis(0), Axis(1)), 2, Rows(Axis(2), Combine(3, Axis(3), 4, Axis(4))), 2, Dimension);
        Assert.Equal([90.0, 90.0], angles.Degrees.Select(d => Math.Round(d, 9)));
        Assert.Equal(90, angles.Mean, 9);
    }

    [Fact]
    public void RotatingDirectionsByKnownAnglesGivesThoseAngles()
    {
        // span(e0, e1, e2) against span(e0 rotated 30° towards e5, e1 rotated 12.5° towards e6, e2): angles 0°, 12.5°, 30°.
        double[] a = Rows(Axis(0), Axis(1), Axis(2));
        double[] b = Rows(Combine(Cos(30), Axis(0), Sin(30), Axis(5)), Axis(2), Combine(Cos(12.5), Axis(1), -Sin(12.5), Axis(6)));

        PrincipalAngles angles = PrincipalAngles.Between(a, 3, b, 3, Dimension);

        Assert.Equal(3, angles.Degrees.Count);
        Assert.Equal(0, angles.Degrees[0], 1e-6);
        Assert.Equal(12.5, angles.Degrees[1], 1e-9);
        Assert.Equal(30, angles.Degrees[2], 1e-9);
        Assert.Equal(30, angles.Largest, 1e-9);
        Assert.Equal(42.5 / 3, angles.Mean, 1e-6);
        // The angles do not depend on which side is which, nor on the basis chosen.
        Assert.Equal(angles.Degrees, PrincipalAngles.Between(b, 3, a, 3, Dimension).Degrees, (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [Fact]
    public void ASmallerSubspaceInsideALargerOneIsAt0DegreesAndVectorsGetTheirOwnAngle()
    {
        PrincipalAngles angles = PrincipalAngles.Between(Rows(Combine(1, Axis(0), 1, Axis(1))), 1, Rows(Axis(0), Axis(1), Axis(2)), 3, Dimension);
        Assert.Equal(0, Assert.Single(angles.Degrees), 1e-6);

        double[] perVector = PrincipalAngles.OfVectors(Rows(Axis(0), Combine(Cos(40), Axis(1), Sin(40), Axis(9)), Axis(9)), 3, Rows(Axis(0), Axis(1)), 2, Dimension);
        Assert.Equal(0, perVector[0], 1e-6);
        Assert.Equal(40, perVector[1], 1e-9);
        Assert.Equal(90, perVector[2], 1e-9);
    }

    [Fact]
    public void DependentOrMisshapenRowsAreRefusedWithTheArgumentNamed()
    {
        double[] dependent = Rows(Axis(0), Combine(2, Axis(0), 0, Axis(1)));
        var e = Assert.Throws<ArgumentException>("a", () => PrincipalAngles.Between(dependent, 2, Rows(Axis(1)), 1, Dimension));
        Assert.Contains("linearly dependent", e.Message);
        Assert.Throws<ArgumentException>("b", () => PrincipalAngles.Between(Axis(0), 1, new double[Dimension + 1], 1, Dimension));
        Assert.Throws<ArgumentException>("vectors", () => PrincipalAngles.OfVectors(new double[Dimension], 1, Axis(0), 1, Dimension));
    }
}
