namespace Mlp.Kernels;

internal static class ElementwiseGuard
{
    public static void SameLength(int expected, int actual, string argument)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {expected} values to match the inputs but got {actual}.", argument);
    }
}
