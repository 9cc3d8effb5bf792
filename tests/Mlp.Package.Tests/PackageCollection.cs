namespace Mlp.Package.Tests;

/// <summary>The package tests share one packed feed and run one after the other: each runs a whole build.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packed Mlp";
}
