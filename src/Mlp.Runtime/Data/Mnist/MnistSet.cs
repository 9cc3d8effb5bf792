namespace Mlp.Data;

/// <summary>The course's three MNIST sets.</summary>
public enum MnistSet
{
    /// <summary>The first 50,000 images of MNIST's training file.</summary>
    Train,

    /// <summary>The last 10,000 images of MNIST's training file, in file order.</summary>
    Valid,

    /// <summary>The 10,000 images of MNIST's test (<c>t10k</c>) file.</summary>
    Test,
}
