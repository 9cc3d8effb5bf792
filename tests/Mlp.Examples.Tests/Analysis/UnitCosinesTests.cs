using Mlp.Examples.Analysis;

namespace Mlp.Examples.Tests.Analysis;

public class UnitCosinesTests
{
    [Fact]
    public void UnitsThatAreComponentsMatchOneEachAndARotationSpreadsThem()
    {
        // Components e0, e1, e2 of a 4-dimensional space. Units: -3·e1 (a component up to sign and scale), and e0 and e2
        // rotated by 60° within their plane (a mixture of the two).
        double[] components = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
        double c = Math.Cos(Math.PI / 3), s = Math.Sin(Math.PI / 3);
        double[] units = [0, -3, 0, 0, c, 0, s, 0];

        UnitCosines cosines = UnitCosines.Between(units, 2, components, 3, 4);

        Assert.Equal([0, 1, 0, c, 0, s], cosines.Matrix.Select(v => Math.Round(v, 12)), (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Equal([1, s], cosines.BestMatch, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Equal([1, 2], cosines.BestComponent);
        Assert.Throws<ArgumentException>("units", () => UnitCosines.Between(new double[8], 2, components, 3, 4));
    }
}
