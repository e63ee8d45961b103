import '@mantine/core/styles.css';
import './styles/app.css';
import { config as zodConfig } from 'zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect';
import { App } from './App';

// zod compiles fast parsers with `new Function` when it may; under our CSP (no 'unsafe-eval') even its probe
// is reported as a violation. Tell it up front to stay interpreted.
zodConfig({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App connection={connect()} />
  </StrictMode>,
);
