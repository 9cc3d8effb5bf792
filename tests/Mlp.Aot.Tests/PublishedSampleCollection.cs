namespace Mlp.Aot.Tests;

/// <summary>The tests share one pair of publishes (each takes a minute or more of two cores).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedSampleCollection : ICollectionFixture<PublishedSample>
{
    public const string Name = "Published sample";
}
