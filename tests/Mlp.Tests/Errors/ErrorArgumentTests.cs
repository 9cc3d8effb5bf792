namespace Mlp.Tests.Errors;

/// <summary>Bad shapes are refused with exceptions naming the argument and both lengths.</summary>
public class ErrorArgumentTests
{
    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void TargetsOfAnotherLengthAreRefused(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(2, 3, 1), t = c.Targets(2, 4, 2);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.Value(y, t, 2)), "targets", 6, 8);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.Sum(y, t, 2)), "targets", 6, 8);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.PerExample(y, t, new double[2], 2)), "targets", 6, 8);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.Gradient(y, t, new float[6], 2)), "targets", 6, 8);
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void AGradientBufferOfAnotherLengthIsRefused(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(2, 3, 1), t = c.Targets(2, 3, 2);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.Gradient(y, t, new float[5], 2)), "gradsWrtOutputs", 6, 5);
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void APerExampleBufferOfAnotherLengthIsRefused(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(2, 3, 1), t = c.Targets(2, 3, 2);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.PerExample(y, t, new double[3], 2)), "errors", 2, 3);
    }

    [Theory]
    [MemberData(nameof(ErrorCase.All), MemberType = typeof(ErrorCase))]
    public void BatchSizesThatDoNotFitAreRefused(string name)
    {
        ErrorCase c = ErrorCase.Get(name);
        float[] y = c.Outputs(2, 3, 1), t = c.Targets(2, 3, 2);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => c.Error.Value(y, t, 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => c.Error.Gradient(y, t, new float[6], -1)).ParamName);
        AssertNamesLengths(Assert.Throws<ArgumentException>(() => c.Error.Value(y, t, 4)), "outputs", 6, 4);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => c.Error.Value([], [], 1)).ParamName);
    }

    private static void AssertNamesLengths(ArgumentException e, string argument, int first, int second)
    {
        Assert.Equal(argument, e.ParamName);
        Assert.Contains(first.ToString(), e.Message);
        Assert.Contains(second.ToString(), e.Message);
    }
}
