using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mlp.Sweeps.Cluster.Tests;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, in memory only, stopped (killed) on dispose. CI installs the
/// Debian package (<c>.ci/run</c>); without it the tests fail saying so.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    public RedisServer()
    {
        Port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (.ci/run does this)", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!Answers())
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{Port}");
            Thread.Sleep(50);
        }
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    /// <summary>A port nothing listens on now (the OS's pick for an ephemeral listener).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using NetworkStream stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            int read = stream.Read(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
