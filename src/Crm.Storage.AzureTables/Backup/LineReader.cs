using System.Buffers;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>Reads '\n'-terminated lines of bytes from a stream, keeping each line's exact bytes for the checksum.</summary>
internal sealed class LineReader(Stream stream)
{
    private readonly byte[] _chunk = new byte[81920];
    private readonly ArrayBufferWriter<byte> _line = new();
    private int _start;
    private int _end;

    /// <summary>False when the last line returned had no terminating '\n' (a truncated file).</summary>
    public bool LastLineEnded { get; private set; } = true;

    /// <summary>The next line including its '\n', or null at the end of the stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.ResetWrittenCount();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_chunk, cancellationToken);
                if (_end == 0)
                {
                    if (_line.WrittenCount == 0)
                    {
                        return null;
                    }

                    LastLineEnded = false;
                    return _line.WrittenMemory;
                }
            }

            var available = _chunk.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _line.Write(available[..(newline + 1)]);
                _start += newline + 1;
                LastLineEnded = true;
                return _line.WrittenMemory;
            }

            _line.Write(available);
            _start = _end;
        }
    }
}
