/** Renderer entry: take the browser-mode token from the address, then mount the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api.ts';
import { App } from './App.tsx';
import './styles.css';

captureToken();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
