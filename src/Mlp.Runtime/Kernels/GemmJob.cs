namespace Mlp.Kernels;

/// <summary>Which loop nest computes a product (see <see cref="GemmAvx2"/>).</summary>
internal enum GemmForm
{
    /// <summary><c>C = A·Bᵀ</c> by dot-product tiles: both operands contiguous along k.</summary>
    Dot,

    /// <summary><c>C = A·B</c> by broadcast tiles: B contiguous along n, A at any strides.</summary>
    Broadcast,

    /// <summary><c>C = A·Bᵀ</c> for short k: B is first transposed into scratch, then broadcast tiles run.</summary>
    TransposeThenBroadcast,

    /// <summary>
    /// <c>C = A·B</c> for long k, a ragged n (not a multiple of 8) and A contiguous along k: B is first
    /// transposed into scratch, then dot-product tiles run, which need no padding of n.
    /// </summary>
    TransposeThenDot,
}

/// <summary>
/// One matrix product over pinned memory, and its fixed partition into two parts: whole rows or whole
/// columns of C, chosen from the shape alone. Each element is computed by one part with the same
/// operations as by one thread, so the parts' results are bit-identical to a single-threaded run.
/// </summary>
internal unsafe struct GemmJob
{
    public GemmForm Form;
    public bool Portable;

    /// <summary>Element <c>(i, p)</c> of A is at <c>A[i·ARowStride + p·AColStride]</c> (AColStride = 1 except for Broadcast).</summary>
    public float* A;
    public int ARowStride;
    public int AColStride;

    /// <summary>Dot and TransposeThenBroadcast: element <c>(j, p)</c> at <c>B[j·Ldb + p]</c>; the others: <c>(p, j)</c> at <c>B[p·Ldb + j]</c>.</summary>
    public float* B;
    public int Ldb;

    public float* C;
    public int Ldc;

    /// <summary>Added to every row of C after the sums, or null.</summary>
    public float* Bias;

    /// <summary>The Transpose forms only: room for Bᵀ.</summary>
    public float* TransposedB;

    public int M;
    public int N;
    public int K;

    /// <summary>Where part 1 starts (0 when the job runs whole), along the columns or the rows.</summary>
    public int Split;
    public bool SplitColumns;

    public readonly long MultiplyAdds => (long)M * N * K;

    /// <summary>
    /// Picks where the second part starts, aligned to the tiles so both parts run whole tiles; false when
    /// the shape is too small to share. Depends only on the form and the shape.
    /// </summary>
    public bool PlanSplit()
    {
        switch (Form)
        {
            case GemmForm.Dot when M >= 10:
            case GemmForm.Broadcast when M >= 10:
                SplitColumns = false;
                Split = Half(M, 5);
                return true;
            case GemmForm.Dot or GemmForm.TransposeThenDot when N >= 16:
                // The Transpose forms split columns only: each part transposes just the columns it computes.
                SplitColumns = true;
                Split = Half(N, 8);
                return true;
            case GemmForm.Broadcast or GemmForm.TransposeThenBroadcast when N >= 32:
                SplitColumns = true;
                Split = Half(N, 16);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Runs part 0 or 1 of the planned split, or the whole product when <paramref name="part"/> is −1.</summary>
    public readonly void Run(int part)
    {
        int r0 = 0, r1 = M, c0 = 0, c1 = N;
        if (part == 0)
        {
            if (SplitColumns) c1 = Split; else r1 = Split;
        }
        else if (part == 1)
        {
            if (SplitColumns) c0 = Split; else r0 = Split;
        }
        Compute(r0, r1, c0, c1);
    }

    private readonly void Compute(int r0, int r1, int c0, int c1)
    {
        int rows = r1 - r0, columns = c1 - c0;
        float* a = A + (nint)r0 * ARowStride;
        float* c = C + (nint)r0 * Ldc + c0;
        float* bias = Bias == null ? null : Bias + c0;
        switch (Form)
        {
            case GemmForm.Dot:
                float* bt = B + (nint)c0 * Ldb;
                if (Portable)
                    GemmPortable.Dot(a, ARowStride, bt, Ldb, c, Ldc, bias, rows, columns, K);
                else
                    GemmAvx2.Dot(a, ARowStride, bt, Ldb, c, Ldc, bias, rows, columns, K);
                break;
            case GemmForm.Broadcast:
                if (Portable)
                    GemmPortable.Broadcast(a, ARowStride, AColStride, B + c0, Ldb, c, Ldc, bias, rows, columns, K);
                else
                    GemmAvx2.Broadcast(a, ARowStride, AColStride, B + c0, Ldb, c, Ldc, bias, rows, columns, K);
                break;
            case GemmForm.TransposeThenBroadcast:
                // B (n, k) → P (k, n), P's columns c0..c1 only.
                float* source = B + (nint)c0 * Ldb;
                float* transposed = TransposedB + c0;
                if (Portable)
                {
                    GemmPortable.Transpose(source, Ldb, transposed, N, columns, K);
                    GemmPortable.Broadcast(a, ARowStride, 1, transposed, N, c, Ldc, bias, rows, columns, K);
                }
                else
                {
                    GemmAvx2.Transpose(source, Ldb, transposed, N, columns, K);
                    GemmAvx2.Broadcast(a, ARowStride, 1, transposed, N, c, Ldc, bias, rows, columns, K);
                }
                break;
            case GemmForm.TransposeThenDot:
                // B (k, n) → P (n, k), P's rows c0..c1 only.
                source = B + c0;
                transposed = TransposedB + (nint)c0 * K;
                if (Portable)
                {
                    GemmPortable.Transpose(source, Ldb, transposed, K, K, columns);
                    GemmPortable.Dot(a, ARowStride, transposed, K, c, Ldc, bias, rows, columns, K);
                }
                else
                {
                    GemmAvx2.Transpose(source, Ldb, transposed, K, K, columns);
                    GemmAvx2.Dot(a, ARowStride, transposed, K, c, Ldc, bias, rows, columns, K);
                }
                break;
        }
    }

    // About half of length, a multiple of align, leaving both parts non-empty.
    private static int Half(int length, int align) =>
        Math.Clamp((int)Math.Round(length / (2.0 * align)) * align, align, length - 1);
}
