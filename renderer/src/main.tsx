// Start-up: take the session token out of the address (browser mode), follow
// the hash route, and render the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureSessionToken } from './api/session.ts';
import { App } from './App.tsx';
import { listenToHash } from './state/router.ts';
import './styles/app.css';

captureSessionToken();
listenToHash();

const root = document.getElementById('root');
if (root === null) throw new Error('The page has no #root element to render into.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
