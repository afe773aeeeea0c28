using Amparo.Importers;
using Amparo.Importers.Pan2012;
using BenchmarkDotNet.Attributes;

namespace Amparo.Bench.Importers;

/// <summary>Both PAN-2012 parsers over the same generated 20 MB file, in memory (parser cost only, no disk).</summary>
[MemoryDiagnoser]
public class Pan2012Benchmarks
{
    private byte[] _xml = [];

    [Params(Pan2012Engine.Scanner, Pan2012Engine.XmlReader)]
    public Pan2012Engine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var ms = new MemoryStream();
        Pan2012Generator.Write(ms, 20_000_000, seed: 7);
        _xml = ms.ToArray();
    }

    [Benchmark]
    public async Task<long> Import()
    {
        var input = new ImportInput { FileName = "bench.xml", Open = () => new MemoryStream(_xml, writable: false), Length = _xml.Length };
        long messages = 0;
        await foreach (var item in new Pan2012Importer(Engine).ReadAsync(input))
        {
            messages += item.Conversation?.Messages.Count ?? 0;
        }

        return messages;
    }
}
