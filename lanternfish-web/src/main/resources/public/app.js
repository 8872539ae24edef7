// Lanternfish Threat Visualizer: charts, the device graph and live updates. No build step; ECharts comes from its
// WebJar. Data arrives in <script type="application/json"> blocks, so the page needs no inline script (CSP).
(function () {
  'use strict';

  function data(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  function chart(id) {
    var element = document.getElementById(id);
    if (!element || typeof echarts === 'undefined') {
      return null;
    }
    var instance = echarts.init(element, null, { renderer: 'canvas' });
    window.addEventListener('resize', function () { instance.resize(); });
    return instance;
  }

  var breaches = data('breaches-chart-data');
  var breachChart = breaches && chart('breaches-chart');
  if (breachChart) {
    breachChart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: ['score below 60', 'score 60 or more'] },
      grid: { left: 40, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: breaches.days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'score below 60', type: 'bar', stack: 'all', data: breaches.low, itemStyle: { color: '#8aa4c8' } },
        { name: 'score 60 or more', type: 'bar', stack: 'all', data: breaches.high, itemStyle: { color: '#c0392b' } }
      ]
    });
  }

  var histogram = data('search-histogram-data');
  var histogramChart = histogram && histogram.length && chart('search-histogram');
  if (histogramChart) {
    histogramChart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 10, top: 10, bottom: 30 },
      xAxis: { type: 'category', data: histogram.map(function (b) { return b.start.replace('T', ' ').replace(':00Z', ''); }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: histogram.map(function (b) { return b.count; }), itemStyle: { color: '#2c6fbb' } }]
    });
  }

  var EDGE_COLOURS = { SMB_WRITE: '#c0392b', RDP: '#8e44ad', WMI: '#d35400', DCSYNC: '#000000', BEACON: '#16a085' };
  var graph = data('device-graph-data');
  var graphChart = graph && chart('device-graph');
  if (graphChart) {
    graphChart.setOption({
      animation: false,
      tooltip: {
        formatter: function (p) {
          return p.dataType === 'edge' ? p.data.source + ' → ' + p.data.target + ': ' + p.data.kind : p.name;
        }
      },
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        force: { repulsion: 260, edgeLength: 140 },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 9,
        label: { show: true, position: 'bottom' },
        edgeLabel: { show: true, formatter: function (p) { return p.data.kind; }, fontSize: 10 },
        data: graph.nodes.map(function (n) {
          return { name: n.name, symbolSize: n.internal ? 30 : 22,
            itemStyle: { color: n.internal ? '#2c6fbb' : '#e67e22' } };
        }),
        links: graph.links.map(function (l) {
          return { source: l.source, target: l.target, kind: l.kind,
            lineStyle: { color: EDGE_COLOURS[l.kind] || '#7f8c8d', width: 1 + Math.min(4, l.breaches), curveness: 0.15 } };
        })
      }]
    });
  }

  // Live updates: new breaches and incident changes arrive over server-sent events; a page region marked with
  // data-live-partial is re-fetched from its partial, and the header says what arrived.
  var live = document.getElementById('live');
  var connect = function () {
    var source = new EventSource('/api/v1/live');
    var arrived = 0;
    var refresh = function () {
      document.querySelectorAll('[data-live-partial]').forEach(function (region) {
        fetch(region.getAttribute('data-live-partial'), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) { if (html !== null) { region.innerHTML = html; } });
      });
    };
    source.addEventListener('hello', function () { live.textContent = 'live'; live.className = 'live on'; });
    source.addEventListener('breach', function (event) {
      // A breach the allowlist hides is neither counted nor shown.
      if (JSON.parse(event.data).suppressed) {
        return;
      }
      arrived++;
      live.textContent = arrived + ' new';
      refresh();
    });
    source.addEventListener('incident', function () { refresh(); });
    source.onerror = function () { live.textContent = 'offline'; live.className = 'live off'; };
    // Closed before the next page loads: an open stream would otherwise hold one of the browser's few
    // connections to this server while the next page waits for it.
    window.addEventListener('pagehide', function () { source.close(); });
  };
  if (live && window.EventSource) {
    // After the load event, so the stream never counts as part of loading the page.
    window.addEventListener('load', function () { setTimeout(connect, 0); });
  }

  // A file input with data-fills reads the chosen file into that text area (the CSV import), so the form stays one
  // URL-encoded body that carries its CSRF token.
  document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
    input.addEventListener('change', function () {
      var area = document.getElementById(input.getAttribute('data-fills'));
      if (input.files.length && area) {
        input.files[0].text().then(function (text) { area.value = text; });
      }
    });
  });

  // Keyboard: "/" focuses the search box where there is one.
  document.addEventListener('keydown', function (event) {
    var box = document.getElementById('q');
    if (event.key === '/' && box && document.activeElement !== box) {
      event.preventDefault();
      box.focus();
    }
  });
})();
