namespace Amparo.Detection.Indicators;

/// <summary>
/// Aho–Corasick over word symbols: all phrases of all indicators are found in one left-to-right pass over a
/// message's tokens, whatever their number. Root transitions are a dense array (most tokens either start nothing
/// or start a phrase); deeper ones a hash map.
/// </summary>
internal sealed class TokenAutomaton
{
    private readonly int[] _root;
    private readonly Dictionary<long, int> _next;
    private readonly int[] _fail;
    private readonly int[][] _outputs;

    private TokenAutomaton(int[] root, Dictionary<long, int> next, int[] fail, int[][] outputs)
    {
        _root = root;
        _next = next;
        _fail = fail;
        _outputs = outputs;
    }

    public int StateCount => _fail.Length;

    /// <summary>Builds the automaton; output id i is phrase i.</summary>
    public static TokenAutomaton Build(IReadOnlyList<int[]> phrases, int symbolCount)
    {
        var children = new List<Dictionary<int, int>> { new() };
        var outputs = new List<List<int>> { new() };
        for (int p = 0; p < phrases.Count; p++)
        {
            int state = 0;
            foreach (int sym in phrases[p])
            {
                if (!children[state].TryGetValue(sym, out int next))
                {
                    next = children.Count;
                    children.Add([]);
                    outputs.Add([]);
                    children[state][sym] = next;
                }

                state = next;
            }

            outputs[state].Add(p);
        }

        int n = children.Count;
        var fail = new int[n];
        var queue = new Queue<int>();
        foreach (int child in children[0].Values)
        {
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            int s = queue.Dequeue();
            foreach (var (sym, child) in children[s])
            {
                int f = fail[s];
                int target;
                while (true)
                {
                    if (children[f].TryGetValue(sym, out target) && target != child)
                    {
                        break;
                    }

                    if (f == 0)
                    {
                        target = 0;
                        break;
                    }

                    f = fail[f];
                }

                fail[child] = target;
                // Phrases ending at the fallback state end here too.
                outputs[child].AddRange(outputs[target]);
                queue.Enqueue(child);
            }
        }

        var root = new int[symbolCount];
        foreach (var (sym, child) in children[0])
        {
            root[sym] = child;
        }

        var map = new Dictionary<long, int>();
        for (int s = 1; s < n; s++)
        {
            foreach (var (sym, child) in children[s])
            {
                map[((long)s << 32) | (uint)sym] = child;
            }
        }

        return new TokenAutomaton(root, map, fail, outputs.Select(o => o.Distinct().ToArray()).ToArray());
    }

    /// <summary>The state after reading <paramref name="sym"/> (0 = unknown word: back to the root).</summary>
    public int Step(int state, int sym)
    {
        if (sym <= 0)
        {
            return 0;
        }

        while (state != 0)
        {
            if (_next.TryGetValue(((long)state << 32) | (uint)sym, out int next))
            {
                return next;
            }

            state = _fail[state];
        }

        return sym < _root.Length ? _root[sym] : 0;
    }

    public int[] Outputs(int state) => _outputs[state];
}
