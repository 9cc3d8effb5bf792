using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.InferenceSample;

/// <summary>
/// The hardware checks the runtime's kernels make (see <c>Mlp.Kernels.Products.Gemm</c>), as this build sees them: under
/// Native AOT each is a constant fixed by the instruction sets the executable was compiled for, under the JIT it is
/// the machine's answer. The kernels that run follow from them.
/// </summary>
internal static class KernelReport
{
    public static string Describe()
    {
        bool avx2 = Avx2.IsSupported && Fma.IsSupported;
        bool avx512 = Avx512F.IsSupported && Vector512.IsHardwareAccelerated && avx2;
        string kernels = avx512 ? "AVX-512" : avx2 ? "AVX2" : "portable";
        return $"{kernels} (Avx512F {Avx512F.IsSupported}, Vector512 accelerated {Vector512.IsHardwareAccelerated}, " +
               $"Avx2 {Avx2.IsSupported}, Fma {Fma.IsSupported}, Vector<float> {Vector<float>.Count} lanes)";
    }
}
