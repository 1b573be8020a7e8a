/** The console's shell: header (navigation, token), keyboard shortcuts, and the page for the current URL. */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getToken, setToken } from './api';
import { navigate, to, usePlace } from './router';
import { Link } from './components/ui';
import { SearchPage } from './pages/Search';
import { VulnerabilityPage } from './pages/Vulnerability';
import { PackagePage } from './pages/Package';
import { ModelPage } from './pages/Model';
import { DatasetPage } from './pages/Dataset';
import { SbomPage } from './pages/Sbom';
import { GraphPage } from './pages/Graph';
import { UploadPage } from './pages/Upload';
import { ImportersPage } from './pages/Importers';
import './styles.css';

function TokenControl() {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [has, setHas] = useState(getToken() !== '');
  useEffect(() => {
    const sync = () => setHas(getToken() !== '');
    window.addEventListener('supplygraph-token', sync);
    return () => window.removeEventListener('supplygraph-token', sync);
  }, []);
  if (!open) {
    return <button type="button" className="token" onClick={() => setOpen(true)} title="API token for this browser tab">Token: {has ? 'set' : 'none'}</button>;
  }
  return (
    <form className="token-form" onSubmit={(e) => { e.preventDefault(); setToken(value); setValue(''); setOpen(false); }}>
      <input type="password" autoFocus value={value} onChange={(e) => setValue(e.target.value)} placeholder="paste an API token" aria-label="API token" />
      <button type="submit">Use</button>
      {has ? <button type="button" onClick={() => { setToken(''); setOpen(false); }}>Forget</button> : null}
      <button type="button" onClick={() => setOpen(false)}>Cancel</button>
    </form>
  );
}

function Page({ path }: { path: string }) {
  switch (path) {
    case '/vulnerability': return <VulnerabilityPage />;
    case '/package': return <PackagePage />;
    case '/model': return <ModelPage />;
    case '/dataset': return <DatasetPage />;
    case '/sbom': return <SbomPage />;
    case '/graph': return <GraphPage />;
    case '/upload': return <UploadPage />;
    case '/importers': return <ImportersPage />;
    default: return <SearchPage />;
  }
}

function App() {
  const { path } = usePlace();
  useEffect(() => {
    // `/` searches and `u` uploads from anywhere, unless the user is typing.
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable))) return;
      if (e.key === '/') { e.preventDefault(); if (location.pathname !== '/') navigate(to.search('')); else document.querySelector<HTMLInputElement>('.search-box')?.focus(); }
      if (e.key === 'u') navigate(to.upload());
      if (e.key === 'g') navigate(to.graph(''));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const h1 = document.querySelector('h1');
    document.title = `${h1?.textContent ?? 'supplygraph'} — supplygraph`;
  });
  return (
    <>
      <header>
        <Link href="/" className="brand">supplygraph</Link>
        <nav>
          <Link href="/">Search</Link>
          <Link href="/graph">Graph</Link>
          <Link href="/upload">Upload</Link>
          <Link href={to.importers()}>Importers</Link>
          <a href="/graphiql">GraphiQL</a>
        </nav>
        <TokenControl />
      </header>
      <main key={path}><Page path={path} /></main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
