/** A self-contained API docs page: reads /api/openapi.json and lists every route (no CDN needed). */
export const DOCS_PAGE = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Bilagsassistent – API</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}
header{background:#003a70;color:#fff;padding:1rem 2rem}main{max-width:60rem;margin:0 auto;padding:1rem 2rem}
section{background:#fff;border:1px solid #d0d5dd;border-radius:6px;margin:1rem 0;padding:1rem}
code,pre{font-family:ui-monospace,monospace}pre{background:#f0f2f5;padding:.5rem;overflow:auto;font-size:13px}
.method{display:inline-block;min-width:4rem;font-weight:700;color:#003a70}
</style></head>
<body><header><h1>Bilagsassistent – API</h1><p>OpenAPI-dokumentet: <a style="color:#fff" href="/api/openapi.json">/api/openapi.json</a></p></header>
<main id="routes"><p>Indlæser …</p></main>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.getElementById('routes');main.textContent='';
  for(const [path,ops] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(ops)){
    const s=document.createElement('section');
    const h=document.createElement('h2');h.innerHTML='<span class="method"></span> <code></code>';
    h.querySelector('.method').textContent=method.toUpperCase();h.querySelector('code').textContent=path;s.append(h);
    const p=document.createElement('p');p.textContent=op.summary||'';s.append(p);
    const body=op.requestBody&&op.requestBody.content&&op.requestBody.content['application/json'];
    if(body){const pre=document.createElement('pre');pre.textContent='Body: '+JSON.stringify(body.schema,null,2);s.append(pre);}
    if(op.parameters&&op.parameters.length){const pre=document.createElement('pre');pre.textContent='Parametre: '+op.parameters.map(x=>x.name+' ('+x.in+')').join(', ');s.append(pre);}
    main.append(s);
  }}
});
</script></body></html>`;
